// The harness's own promises: waiting on conditions, and a receiver that answers as told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from './until.js';
import { failFirstAttempts, startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

describe('until', () => {
  it('gives back the first truthy value the condition yields', async () => {
    let calls = 0;
    expect(await until(() => (calls += 1) >= 3 && `after ${calls} checks`)).toBe('after 3 checks');
  });

  it('fails naming what it waited for, worded when it fails', async () => {
    let seen = 0;
    await expect(
      until(
        () => ((seen += 1), false),
        50,
        () => `a miracle (checked ${seen} times)`,
      ),
    ).rejects.toThrow(/timed out after 50 ms waiting for a miracle \(checked \d+ times\)/);
  });
});

describe('the webhook receiver', () => {
  let receiver: WebhookReceiver;
  const send = (id: string, body: string) =>
    fetch(receiver.url, { method: 'POST', headers: { 'webhook-id': id, 'content-type': 'application/json' }, body });

  beforeAll(async () => {
    receiver = await startWebhookReceiver(failFirstAttempts(1));
  });
  afterAll(() => receiver?.close());

  it('refuses the first attempt of each event, takes the next, and keeps every raw body', async () => {
    expect((await send('event-1', '{"n":1}')).status).toBe(500);
    expect((await send('event-1', '{"n":1}')).status).toBe(200);
    expect((await send('event-2', '{"n":2}')).status).toBe(500);
    expect(receiver.received.map((request) => [request.headers['webhook-id'], request.body, request.status])).toEqual([
      ['event-1', '{"n":1}', 500],
      ['event-1', '{"n":1}', 200],
      ['event-2', '{"n":2}', 500],
    ]);
  });
});
