// Waiting on a condition, never on the clock: a loaded machine only makes the wait longer.

/**
 * Polls `check` (which may be async) every 20 ms until it gives a truthy value, and returns that
 * value; after `ms` it fails naming `what` (a function: worded when it fails, with what is known then).
 */
export async function until<T>(
  check: () => T | Promise<T>,
  ms = 3000,
  what: string | (() => string) = 'a condition',
): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > ms) throw new Error(`timed out after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
