// Sweeps that every API process runs on a timer. Each sweep claims its due items with
// FOR UPDATE SKIP LOCKED, so several processes share the work and no item is done twice; within a
// process a sweep never overlaps its own previous run.
import type { Logger } from 'pino';

export interface Sweep {
  name: string;
  intervalMs: number;
  /** Does what is due; returns how many items it handled (for the log). */
  run: () => Promise<number>;
}

export interface TimedWork {
  stop: () => Promise<void>;
}

export function startTimedWork(sweeps: Sweep[], logger: Logger): TimedWork {
  // A sweep with a run here is busy; the next tick skips it.
  const inFlight = new Map<Sweep, Promise<void>>();
  const timers = sweeps.map((sweep) => {
    const timer = setInterval(() => {
      if (inFlight.has(sweep)) return;
      const run = sweep
        .run()
        .then((handled) => {
          if (handled) logger.info({ sweep: sweep.name, handled }, `${sweep.name}: ${handled} handled`);
        })
        .catch((error: unknown) => logger.error({ err: error, sweep: sweep.name }, `${sweep.name} failed`))
        .finally(() => inFlight.delete(sweep));
      inFlight.set(sweep, run);
    }, sweep.intervalMs);
    timer.unref();
    return timer;
  });
  return {
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(inFlight.values());
    },
  };
}
