// Webhooks end to end: a real HTTP receiver on loopback verifies every signature the way
// docs/integrating.md tells integrators to, and answers as told (fail, then succeed).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCEPT,
  codes,
  createSchool,
  DATABASE_KINDS,
  failFirstAttempts,
  startWebhookReceiver,
  until,
  type School,
  type WebhookReceiver,
} from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { ASSIGN, RATE, REPLY, REPORT_PROBLEM, RESOLVE } from '../test/operations.js';
import { parseGlobalId, toGlobalId } from '../relay/global-id.js';
import { createLogger } from '../logger.js';
import { startJobSystem } from '../jobs/job-system.js';
import { startWebhookDelivery } from './webhook-delivery.js';
import { recordEvent } from './webhook-events.js';

const FAST_RETRIES = {
  // The receiver runs on loopback, an internal address refused by default.
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_RETRY_FIRST_DELAY_MS: '100',
  WEBHOOK_RETRY_MAX_DELAY_MS: '400',
  WEBHOOK_RETRY_FOR_MS: '1000',
  WEBHOOK_POLL_MS: '100',
};

/** Verifies a Standard Webhooks signature with nothing but node:crypto, as an integrator would. */
function verify(secret: string, headers: Record<string, string | string[] | undefined>, rawBody: string): boolean {
  const id = String(headers['webhook-id']);
  const timestamp = Number(headers['webhook-timestamp']);
  if (Math.abs(Date.now() / 1000 - timestamp) > 5 * 60) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${rawBody}`).digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .some((entry) => {
      const [version, signature] = entry.split(',');
      const given = Buffer.from(signature ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

const CREATE_WEBHOOK = /* GraphQL */ `
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        id
        url
        events
        active
      }
    }
  }
`;
const DELIVERIES = /* GraphQL */ `
  query Deliveries($webhookId: ID!, $status: WebhookDeliveryStatus) {
    webhookDeliveries(webhookId: $webhookId, status: $status, first: 100) {
      edges {
        node {
          id
          eventId
          eventType
          status
          attempts
          deliveredAt
          payload
          attemptLog {
            number
            responseStatus
            responseBody
          }
        }
      }
    }
  }
`;
const ALL_EVENTS = ['TICKET_CREATED', 'TICKET_STATUS_CHANGED', 'TICKET_ASSIGNED', 'MESSAGE_CREATED', 'RATING_SUBMITTED'];

describe.each(DATABASE_KINDS)('webhooks on %s', (kind) => {
  let api: TestApi;
  let school: School;
  let receiver: WebhookReceiver;
  let secret: string;
  let webhookId: string;

  /** What the receiver got, as an integrator reads it: event id and type, the body, whether the signature holds. */
  const received = () =>
    receiver.received.map((request) => {
      const body = JSON.parse(request.body);
      return {
        id: String(request.headers['webhook-id']),
        type: body.type as string,
        body,
        verified: verify(secret, request.headers, request.body),
        status: request.status,
      };
    });
  /** Nothing more will be sent: every event has its deliveries and none waits for an attempt. */
  const deliverySettled = () =>
    until(
      async () =>
        (await api.db.prisma.outboxEvent.count({ where: { processedAt: null } })) === 0 && (await deliveries('PENDING')).length === 0,
      15_000,
      'webhook delivery to settle',
    );

  const report = async (title: string) => {
    const response = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title, description: 'From the webhook tests.' } },
      { token: school.tokens.alice },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.reportProblem.ticket.id as string;
  };
  const deliveries = async (status?: string) =>
    (await api.gql(DELIVERIES, { webhookId, status }, { token: school.tokens.admin })).data!.webhookDeliveries.edges.map(
      (edge: any) => edge.node,
    );

  beforeAll(async () => {
    api = await startTestApi(kind, FAST_RETRIES);
    school = await createSchool(api);
    receiver = await startWebhookReceiver();
    const created = await api.gql(
      CREATE_WEBHOOK,
      { input: { url: receiver.url, events: ALL_EVENTS, description: 'Loopback receiver' } },
      { token: school.tokens.admin },
    );
    expect(created.errors).toBeUndefined();
    secret = created.data!.createWebhook.secret;
    webhookId = created.data!.createWebhook.webhook.id;
  });
  afterAll(async () => {
    await api?.close();
    await receiver?.close();
  });

  it('delivers each change once, signed, with id, type, time and the object, and never an internal note', async () => {
    const ticketId = await report('Wifi drops in the library');
    await api.gql(REPLY, { input: { ticketId, body: 'Router 7 is flaky (internal).', internal: true } }, { token: school.tokens.staff });
    await api.gql(REPLY, { input: { ticketId, body: 'We are on it.' } }, { token: school.tokens.staff });
    await api.gql(ASSIGN, { ticketId, assigneeId: toGlobalId('User', school.users.staff.id) }, { token: school.tokens.staff });
    await api.gql(RESOLVE, { input: { ticketId, resolution: 'Replaced the router.' } }, { token: school.tokens.staff });
    await api.gql(RATE, { input: { ticketId, score: 5, expectation: 'MET' } }, { token: school.tokens.alice });

    const expected = [
      'ticket.created',
      'message.created',
      'ticket.status_changed',
      'ticket.assigned',
      'message.created',
      'ticket.status_changed',
      'rating.submitted',
    ];
    const mine = () => received().filter((entry) => entry.body.data.ticket.id === ticketId);
    await until(() => mine().length >= expected.length, 15_000, 'all events of the ticket');
    await deliverySettled(); // and nothing more
    expect(
      mine()
        .map((entry) => entry.type)
        .sort(),
    ).toEqual([...expected].sort());
    expect(mine().every((entry) => entry.verified)).toBe(true);
    expect(new Set(mine().map((entry) => entry.id)).size).toBe(expected.length);
    expect(JSON.stringify(mine())).not.toContain('Router 7');

    const created = mine().find((entry) => entry.type === 'ticket.created')!.body;
    expect(created).toMatchObject({
      id: expect.any(String),
      type: 'ticket.created',
      data: { ticket: { id: ticketId, status: 'NEW', title: 'Wifi drops in the library' } },
    });
    expect(Date.parse(created.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    const resolved = mine().find((entry) => entry.type === 'ticket.status_changed' && entry.body.data.ticket.status === 'RESOLVED')!.body;
    expect(resolved.data.previousStatus).toBe('OPEN');
    expect(mine().find((entry) => entry.type === 'rating.submitted')!.body.data.rating).toMatchObject({ score: 5, expectation: 'MET' });
  });

  it('retries a receiver that fails twice: exactly one successful delivery of each event, every attempt visible', async () => {
    receiver.answerWith(failFirstAttempts(2));
    const ticketId = await report('Printer jams');
    const forTicket = () => received().filter((entry) => entry.body.data.ticket?.id === ticketId);
    await until(() => forTicket().some((entry) => entry.status === 200), 15_000, 'the third attempt');
    await deliverySettled(); // no further attempt follows a success
    expect(forTicket().map((entry) => entry.status)).toEqual([500, 500, 200]);
    expect(new Set(forTicket().map((entry) => entry.id)).size).toBe(1);
    expect(forTicket().every((entry) => entry.verified)).toBe(true);

    const delivery = (await deliveries()).find((node: any) => node.eventId === forTicket()[0]!.id);
    expect(delivery).toMatchObject({ eventType: 'TICKET_CREATED', status: 'SUCCEEDED', attempts: 3 });
    expect(delivery.attemptLog.map((attempt: any) => [attempt.number, attempt.responseStatus, attempt.responseBody])).toEqual([
      [1, 500, 'not now'],
      [2, 500, 'not now'],
      [3, 200, 'thanks'],
    ]);
    expect(JSON.parse(delivery.payload)).toEqual(forTicket()[0]!.body);
    receiver.answerWith(ACCEPT);
  });

  it('gives up when the schedule is spent, and redelivers on request with the same event id', async () => {
    receiver.answerWith(failFirstAttempts(1000));
    const ticketId = await report('Locker broken');
    const eventId = await until(() => received().find((entry) => entry.body.data.ticket?.id === ticketId)?.id, 15_000, 'a first attempt');
    const failed = await until(
      async () => (await deliveries('FAILED')).find((node: any) => node.eventId === eventId),
      15_000,
      'the delivery to fail',
    );
    expect(failed.attempts).toBeGreaterThanOrEqual(3);

    receiver.answerWith(ACCEPT);
    const redelivered = await api.gql(
      'mutation($id: ID!) { redeliverWebhookDelivery(deliveryId: $id) { status } }',
      { id: failed.id },
      { token: school.tokens.admin },
    );
    expect(redelivered.data!.redeliverWebhookDelivery.status).toBe('PENDING');
    await until(async () => (await deliveries('SUCCEEDED')).some((node: any) => node.id === failed.id), 15_000, 'the redelivery');
    const attempts = received().filter((entry) => entry.id === eventId);
    expect(attempts.at(-1)!.status).toBe(200);
    expect(attempts.filter((entry) => entry.status === 200)).toHaveLength(1);
  });

  it('loses no event written while no process delivered, and two processes deliver each event once', async () => {
    await api.stopBackgroundWork();
    const ticketIds = [await report('Quiet 1'), await report('Quiet 2'), await report('Quiet 3')];
    const delivered = () => received().filter((entry) => ticketIds.includes(entry.body.data.ticket?.id));
    // With no process delivering, the events wait in the outbox.
    expect(await api.db.prisma.outboxEvent.count({ where: { processedAt: null } })).toBeGreaterThanOrEqual(3);
    expect(delivered()).toHaveLength(0);

    // Two processes start on the same database: SKIP LOCKED claims split the work.
    const jobSettings = {
      retryLimit: 5,
      retryDelaySeconds: 1,
      cleanupIntervalMs: 3_600_000,
      idempotencyKeyRetentionDays: 30,
      outboxRetentionDays: 30,
    };
    const settings = {
      schedule: { firstDelayMs: 100, maxDelayMs: 400, retryForMs: 1000 },
      pollMs: 100,
      timeoutMs: 5000,
      allowPrivateTargets: true,
    };
    const logger = createLogger('silent');
    const start = async () => {
      const jobs = await startJobSystem(api.db.pool, logger, jobSettings);
      await startWebhookDelivery({ prisma: api.db.prisma, pool: api.db.pool, jobs }, settings);
      return jobs;
    };
    const [first, second] = await Promise.all([start(), start()]);
    try {
      await until(() => delivered().length >= 3, 15_000, 'the three events');
      await deliverySettled();
      expect(delivered().map((entry) => entry.type)).toEqual(['ticket.created', 'ticket.created', 'ticket.created']);
      expect(new Set(delivered().map((entry) => entry.id)).size).toBe(3);
    } finally {
      await Promise.all([first.stop(5000), second.stop(5000)]);
    }
  });

  it('writes no event for a change that rolls back', async () => {
    const before = await api.db.prisma.outboxEvent.count();
    await expect(
      api.db.prisma.$transaction(async (tx) => {
        await recordEvent(tx, 'ticket.created', { ticket: { id: 'rolled-back' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await api.db.prisma.outboxEvent.count()).toBe(before);
  });

  it('lets a key manage only the webhooks it created: an admin’s stays out of its sight and reach', async () => {
    const createKey = async (scopes: string[]) =>
      (
        await api.gql(
          'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }',
          {
            input: { name: scopes.join(' '), scopes },
          },
          { token: school.tokens.admin },
        )
      ).data!.createApiKey;
    const intruder = (await createKey(['WEBHOOKS_MANAGE'])).key;
    const admins = await api.db.prisma.webhook.findUniqueOrThrow({ where: { id: parseGlobalId(webhookId)!.id } });
    await report('Ticket for the delivery log');
    await until(async () => (await deliveries()).length > 0, 15_000, 'a delivery of the admin’s webhook');
    const adminDelivery = (await deliveries())[0];

    // It cannot list, read, re-point, re-key or redeliver the admin's webhook, nor read its payloads.
    expect((await api.gql('{ webhooks { edges { node { id } } } }', {}, { token: intruder })).data!.webhooks.edges).toEqual([]);
    expect(codes(await api.gql(DELIVERIES, { webhookId }, { token: intruder }))).toEqual(['FORBIDDEN']);
    const nodeRead = await api.gql(
      'query($id: ID!) { node(id: $id) { ... on WebhookDelivery { payload } } }',
      { id: adminDelivery.id },
      { token: intruder },
    );
    expect(codes(nodeRead)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(nodeRead)).not.toContain('ticket');
    const repoint = await api.gql(
      'mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { url } }',
      { input: { webhookId, url: 'https://attacker.example.net/' } },
      { token: intruder },
    );
    expect(codes(repoint)).toEqual(['FORBIDDEN']);
    expect(
      codes(await api.gql('mutation($id: ID!) { rotateWebhookSecret(webhookId: $id) { secret } }', { id: webhookId }, { token: intruder })),
    ).toEqual(['FORBIDDEN']);
    expect(
      codes(
        await api.gql(
          'mutation($id: ID!) { redeliverWebhookDelivery(deliveryId: $id) { id } }',
          { id: adminDelivery.id },
          { token: intruder },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql('mutation($id: ID!) { deleteWebhook(webhookId: $id) }', { id: webhookId }, { token: intruder }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await api.db.prisma.webhook.findUniqueOrThrow({ where: { id: admins.id } })).toEqual(admins);

    // Its own webhook: it sees that one only; neither it nor an admin can subscribe it to what the key may not read.
    const owner = await createKey(['WEBHOOKS_MANAGE', 'TICKETS_READ']);
    const own = await api.gql(CREATE_WEBHOOK, { input: { url: receiver.url, events: ['TICKET_CREATED'] } }, { token: owner.key });
    const ownId = own.data!.createWebhook.webhook.id;
    expect((await api.gql('{ webhooks { edges { node { id } } } }', {}, { token: owner.key })).data!.webhooks.edges).toEqual([
      { node: { id: ownId } },
    ]);
    for (const token of [owner.key, school.tokens.admin]) {
      const widened = await api.gql(
        'mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { events } }',
        { input: { webhookId: ownId, events: ['TICKET_CREATED', 'RATING_SUBMITTED'] } },
        { token },
      );
      expect(codes(widened)).toEqual(['FORBIDDEN']);
      expect(widened.errors![0]!.extensions!.requiredScope).toBe('ratings:read');
    }

    // Revoking the key stops its webhook: it carried what the key could read.
    await api.gql('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: owner.apiKey.id }, { token: school.tokens.admin });
    expect((await api.db.prisma.webhook.findUniqueOrThrow({ where: { id: parseGlobalId(ownId)!.id } })).active).toBe(false);
  });

  it('lets only admins and keys with webhooks:manage manage webhooks, and a key only subscribe to what it may read', async () => {
    const input = { url: receiver.url, events: ['RATING_SUBMITTED'] };
    expect(codes(await api.gql(CREATE_WEBHOOK, { input }, { token: school.tokens.manager }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(DELIVERIES, { webhookId }, { token: school.tokens.staff }))).toEqual(['FORBIDDEN']);
    const key = await api.gql(
      'mutation { createApiKey(input: { name: "BI", scopes: [WEBHOOKS_MANAGE, TICKETS_READ] }) { key } }',
      {},
      { token: school.tokens.admin },
    );
    const token = key.data!.createApiKey.key;
    const denied = await api.gql(CREATE_WEBHOOK, { input }, { token });
    expect(codes(denied)).toEqual(['FORBIDDEN']);
    expect(denied.errors![0]!.extensions!.requiredScope).toBe('ratings:read');
    const allowed = await api.gql(CREATE_WEBHOOK, { input: { url: receiver.url, events: ['TICKET_CREATED'] } }, { token });
    expect(allowed.data!.createWebhook.webhook.events).toEqual(['TICKET_CREATED']);
    expect(codes(await api.gql(CREATE_WEBHOOK, { input: { url: 'ftp://example.edu/x', events: ['TICKET_CREATED'] } }, { token }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
