// Sending one report until the desk has it, without ever making it two tickets. The API says why it
// did not take a report by extensions.code (and, when a proxy or the admission check answered
// with plain JSON, by the HTTP status Apollo Client puts on a ServerError):
// - SERVICE_UNAVAILABLE (503): nothing came of the request; wait Retry-After and send again with
//   the SAME idempotency key, so that a report the desk did take is answered, not stored twice;
// - CONFLICT (409): the key was used for a different report, i.e. the student changed the form
//   after a send whose answer was lost; a new key makes this version a report of its own, once;
// - RATE_LIMITED (429): the student may send again after Retry-After; the report waits for them;
// - no answer at all: the connection may come back, so a few quick retries with the same key.
// Plain function with the clock injected, so the rules are tested without a browser.
import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

export type WhyNotSent =
  | { kind: 'busy'; retryAfterSeconds: number }
  | { kind: 'key-reused' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'unreachable' }
  /** Answered with something to fix (a field, a permission): retrying the same cannot help. */
  | { kind: 'refused'; error: unknown };

/** When the desk does not say how long to wait. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

/** Seconds from a Retry-After value: a number of seconds or an HTTP date. */
export function retryAfterSeconds(value: unknown, now: number): number {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(date) ? Math.max(1, Math.ceil((date - now) / 1000)) : DEFAULT_RETRY_AFTER_SECONDS;
}

function byCode(code: unknown, retryAfter: unknown, now: number): WhyNotSent | null {
  if (code === 'SERVICE_UNAVAILABLE') return { kind: 'busy', retryAfterSeconds: retryAfterSeconds(retryAfter, now) };
  if (code === 'RATE_LIMITED') return { kind: 'rate-limited', retryAfterSeconds: retryAfterSeconds(retryAfter, now) };
  if (code === 'CONFLICT') return { kind: 'key-reused' };
  return null;
}

const STATUS_CODES: Record<number, string> = { 409: 'CONFLICT', 429: 'RATE_LIMITED', 503: 'SERVICE_UNAVAILABLE' };

function codeInBody(bodyText: string): unknown {
  try {
    return (JSON.parse(bodyText) as { errors?: Array<{ extensions?: { code?: unknown } }> }).errors?.[0]?.extensions?.code;
  } catch {
    return undefined;
  }
}

export function whyNotSent(error: unknown, now: number): WhyNotSent {
  if (CombinedGraphQLErrors.is(error)) {
    for (const { extensions } of error.errors) {
      const why = byCode(extensions?.code, extensions?.retryAfter, now);
      if (why) return why;
    }
    return { kind: 'refused', error };
  }
  if (ServerError.is(error)) {
    const code = STATUS_CODES[error.statusCode] ?? codeInBody(error.bodyText);
    const why = byCode(code, error.response.headers.get('retry-after'), now);
    if (why) return why;
    // A gateway's 502 or 504 is a connection that did not get through; any other status is an answer.
    return error.statusCode >= 500 ? { kind: 'unreachable' } : { kind: 'refused', error };
  }
  return { kind: 'unreachable' };
}

export type SendOutcome<T> =
  | { kind: 'sent'; result: T }
  | { kind: 'cancelled' }
  | { kind: 'still-busy' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'unreachable' }
  | { kind: 'refused'; error: unknown };

export interface SendReport<T> {
  /** Sends the report under `idempotencyKey`. */
  send: (idempotencyKey: string) => Promise<T>;
  idempotencyKey: string;
  newKey: () => string;
  /** Called with the new key, which from now on is the report's (it is saved with the draft). */
  onNewKey: (idempotencyKey: string) => void;
  /** Called each second of a wait the desk asked for, with the seconds left. */
  onBusy: (secondsLeft: number) => void;
  /** Stops the waiting (the student chose not to wait); what was typed stays. */
  signal: AbortSignal;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
}

/** Waits before each retry of a send that got no answer: the connection may come back. */
export const RETRY_DELAYS_MS = [500, 1500, 4000];
/** How many times the form waits for a busy desk before leaving the sending to the student. */
export const BUSY_WAITS = 5;
/** The longest single wait the form sits through; a longer Retry-After is the student's to wait. */
const LONGEST_WAIT_SECONDS = 60;

export async function sendReport<T>(report: SendReport<T>): Promise<SendOutcome<T>> {
  let key = report.idempotencyKey;
  let keyRenewed = false;
  let lostAnswers = 0;
  let busyWaits = 0;
  for (;;) {
    if (report.signal.aborted) return { kind: 'cancelled' };
    try {
      return { kind: 'sent', result: await report.send(key) };
    } catch (error) {
      const why = whyNotSent(error, report.now());
      switch (why.kind) {
        case 'busy':
          if (busyWaits === BUSY_WAITS || why.retryAfterSeconds > LONGEST_WAIT_SECONDS) return { kind: 'still-busy' };
          busyWaits += 1;
          for (let left = why.retryAfterSeconds; left > 0 && !report.signal.aborted; left -= 1) {
            report.onBusy(left);
            await report.sleep(1000, report.signal);
          }
          break;
        case 'key-reused':
          if (keyRenewed) return { kind: 'refused', error };
          keyRenewed = true;
          key = report.newKey();
          report.onNewKey(key);
          break;
        case 'unreachable':
          if (lostAnswers === RETRY_DELAYS_MS.length) return { kind: 'unreachable' };
          await report.sleep(RETRY_DELAYS_MS[lostAnswers]!, report.signal);
          lostAnswers += 1;
          break;
        default:
          return why;
      }
    }
  }
}

/** The browser's timer, cut short when the student stops waiting. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
