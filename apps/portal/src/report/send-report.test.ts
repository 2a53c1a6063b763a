// The sending rules on their own, with a scripted desk and a clock that only moves when the rules
// wait: a busy desk is waited for with the same key, a reused key is renewed once, a rate limit
// and a refusal end the sending.
import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { BUSY_WAITS, retryAfterSeconds, sendReport, whyNotSent, type SendReport } from './send-report.js';

const NOW = Date.parse('2026-03-02T10:00:00Z');

const answered = (code: string, extensions: Record<string, unknown> = {}) =>
  new CombinedGraphQLErrors({ data: null, errors: [{ message: `${code} said`, extensions: { code, ...extensions } }] });

const httpAnswer = (status: number, headers: Record<string, string> = {}, body = '') =>
  new ServerError(`Response not successful: Received status code ${status}`, {
    response: new Response(body, { status, headers }),
    bodyText: body,
  });

const ticket = { number: 'SD-1' };

/** A desk that answers each send with the next scripted answer (an error to throw, or the ticket). */
function scriptedDesk(answers: Array<Error | typeof ticket>, abortAfterWaits = Infinity) {
  const sentKeys: string[] = [];
  const waitedMs: number[] = [];
  const busyCountdown: number[] = [];
  const newKeys: string[] = [];
  const controller = new AbortController();
  let clock = NOW;
  let keys = 0;
  const report: SendReport<typeof ticket> = {
    idempotencyKey: 'key-0',
    send: async (key) => {
      sentKeys.push(key);
      const answer = answers.shift();
      if (!answer) throw new Error('the desk was asked more often than scripted');
      if (answer instanceof Error) throw answer;
      return answer;
    },
    newKey: () => `key-${(keys += 1)}`,
    onNewKey: (key) => newKeys.push(key),
    onBusy: (secondsLeft) => busyCountdown.push(secondsLeft),
    signal: controller.signal,
    sleep: async (ms) => {
      waitedMs.push(ms);
      clock += ms;
      if (waitedMs.length >= abortAfterWaits) controller.abort();
    },
    now: () => clock,
  };
  return { report, sentKeys, waitedMs, busyCountdown, newKeys };
}

describe('sending a report', () => {
  it('waits out a busy desk for as long as Retry-After says and sends again with the same key', async () => {
    const desk = scriptedDesk([answered('SERVICE_UNAVAILABLE', { retryAfter: 2 }), ticket]);
    expect(await sendReport(desk.report)).toEqual({ kind: 'sent', result: ticket });
    expect(desk.sentKeys).toEqual(['key-0', 'key-0']);
    expect(desk.busyCountdown).toEqual([2, 1]);
    expect(desk.waitedMs).toEqual([1000, 1000]);
    expect(desk.newKeys).toEqual([]);
  });

  it('reads a 503 with a Retry-After header the same way', async () => {
    const desk = scriptedDesk([httpAnswer(503, { 'retry-after': '3' }), ticket]);
    expect(await sendReport(desk.report)).toEqual({ kind: 'sent', result: ticket });
    expect(desk.sentKeys).toEqual(['key-0', 'key-0']);
    expect(desk.busyCountdown).toEqual([3, 2, 1]);
  });

  it('stops waiting when the student cancels, and sends nothing more', async () => {
    const desk = scriptedDesk([answered('SERVICE_UNAVAILABLE', { retryAfter: 10 })], 2);
    expect(await sendReport(desk.report)).toEqual({ kind: 'cancelled' });
    expect(desk.sentKeys).toEqual(['key-0']);
    expect(desk.busyCountdown).toEqual([10, 9]);
  });

  it('leaves the sending to the student when the desk stays busy', async () => {
    const busy = Array.from({ length: BUSY_WAITS + 1 }, () => answered('SERVICE_UNAVAILABLE', { retryAfter: 1 }));
    const desk = scriptedDesk(busy);
    expect(await sendReport(desk.report)).toEqual({ kind: 'still-busy' });
    expect(new Set(desk.sentKeys)).toEqual(new Set(['key-0']));
    expect(desk.sentKeys).toHaveLength(BUSY_WAITS + 1);
  });

  it('makes a new key once when the old one was used for a different report', async () => {
    const desk = scriptedDesk([answered('CONFLICT'), ticket]);
    expect(await sendReport(desk.report)).toEqual({ kind: 'sent', result: ticket });
    expect(desk.sentKeys).toEqual(['key-0', 'key-1']);
    expect(desk.newKeys).toEqual(['key-1']);
  });

  it('gives up after one new key: a second conflict is the desk’s answer', async () => {
    const conflict = httpAnswer(
      409,
      { 'content-type': 'application/json' },
      '{"errors":[{"message":"used","extensions":{"code":"CONFLICT"}}]}',
    );
    const desk = scriptedDesk([conflict, conflict]);
    expect(await sendReport(desk.report)).toMatchObject({ kind: 'refused' });
    expect(desk.sentKeys).toEqual(['key-0', 'key-1']);
  });

  it('does not retry a rate limit, and says how long to wait', async () => {
    const desk = scriptedDesk([answered('RATE_LIMITED', { retryAfter: 600 })]);
    expect(await sendReport(desk.report)).toEqual({ kind: 'rate-limited', retryAfterSeconds: 600 });
    expect(desk.sentKeys).toEqual(['key-0']);
    expect(desk.waitedMs).toEqual([]);
  });

  it('retries a lost answer a few times with the same key, then says the desk is unreachable', async () => {
    const lost = () => new TypeError('Failed to fetch');
    const desk = scriptedDesk([lost(), lost(), lost(), lost()]);
    expect(await sendReport(desk.report)).toEqual({ kind: 'unreachable' });
    expect(desk.sentKeys).toEqual(['key-0', 'key-0', 'key-0', 'key-0']);
    expect(desk.waitedMs).toEqual([500, 1500, 4000]);
  });

  it('does not retry an answer with something to fix', async () => {
    const desk = scriptedDesk([answered('BAD_USER_INPUT', { field: 'title' })]);
    expect(await sendReport(desk.report)).toMatchObject({ kind: 'refused' });
    expect(desk.sentKeys).toEqual(['key-0']);
  });
});

describe('why a report was not sent', () => {
  it('reads the code, and the HTTP status when a plain JSON answer carries none', () => {
    expect(whyNotSent(answered('RATE_LIMITED', { retryAfter: 30 }), NOW)).toEqual({ kind: 'rate-limited', retryAfterSeconds: 30 });
    expect(whyNotSent(httpAnswer(429, { 'retry-after': '120' }), NOW)).toEqual({ kind: 'rate-limited', retryAfterSeconds: 120 });
    expect(whyNotSent(httpAnswer(502), NOW)).toEqual({ kind: 'unreachable' });
    expect(whyNotSent(httpAnswer(400), NOW)).toMatchObject({ kind: 'refused' });
  });

  it('takes Retry-After as seconds or as a date, and waits a little when it is missing', () => {
    expect(retryAfterSeconds('7', NOW)).toBe(7);
    expect(retryAfterSeconds(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90);
    expect(retryAfterSeconds(null, NOW)).toBe(5);
  });
});
