// Two API processes behind one address behave as one: real PostgreSQL, real Redis, the built
// dist/main.js twice. Live updates cross processes, budgets are shared, timed work is done once
// per due item, and killing one process leaves the other serving.
import type { Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiProcess,
  connectTo,
  createSchool,
  createTestDatabase,
  failFirstAttempts,
  follow,
  REDIS_URL,
  type ReceivedRequest,
  type School,
  startApiProcess,
  startWebhookReceiver,
  TEST_REDIS_KEY_PREFIX,
  type TestDatabase,
  until,
} from '@studentdesk/testing';
import { fromGlobalId } from './relay/global-id.js';
import { REPLY, REPORT_PROBLEM } from './test/operations.js';

const TICKET_UPDATED = /* GraphQL */ `
  subscription Follow($ticketId: ID!) {
    ticketUpdated(ticketId: $ticketId) {
      messages(first: 50) {
        edges {
          node {
            body
          }
        }
      }
    }
  }
`;
const TICKETS = '{ tickets(first: 20) { edges { node { id } } } }';

describe('two API processes on one PostgreSQL and one Redis', () => {
  let db: TestDatabase;
  let a: ApiProcess;
  let b: ApiProcess;
  let school: School;
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL,
      SWEEP_INTERVAL_MS: '200',
      WEBHOOK_POLL_MS: '100',
      // The webhook receiver runs on loopback.
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_RETRY_FIRST_DELAY_MS: '200',
      WEBHOOK_RETRY_MAX_DELAY_MS: '400',
      API_KEY_BUDGET: '1000',
      QUERY_MAX_COST: '1000',
      API_KEY_BUDGET_RESTORE_PER_SECOND: '1',
    };
    [a, b] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    school = await createSchool({ db, gql: a.gql });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map(async (client) => client.dispose()));
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  const report = async (api: ApiProcess, title: string) => {
    const response = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title, description: 'Scale-out test.' } },
      { token: school.tokens.alice },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.reportProblem.ticket as { id: string };
  };

  it('delivers a reply posted through B to a student subscribed through A', async () => {
    const ticket = await report(a, 'Wi-Fi drops in the library');
    const updates = follow(connectTo(a, clients, school.tokens.alice), TICKET_UPDATED, 'ticketUpdated', { ticketId: ticket.id });
    // The subscription is live once A has subscribed its Redis connection; a reply before that would be missed.
    const channel = `${TEST_REDIS_KEY_PREFIX}events:TICKET_UPDATED:${fromGlobalId(ticket.id, 'Ticket', 'id')}`;
    const redis = new Redis(REDIS_URL);
    try {
      await until(
        async () => Number(((await redis.pubsub('NUMSUB', channel)) as [string, number])[1]) > 0,
        5000,
        `process A to subscribe to ${channel}`,
      );
    } finally {
      redis.disconnect();
    }

    const reply = await b.gql(
      REPLY,
      { input: { ticketId: ticket.id, body: 'Which building are you in?' } },
      { token: school.tokens.staff },
    );
    expect(reply.errors).toBeUndefined();
    const update = await Promise.race([updates.next(), new Promise((resolve) => setTimeout(() => resolve('timed out'), 5000))]);
    expect(update).toMatchObject({ messages: { edges: expect.arrayContaining([{ node: { body: 'Which building are you in?' } }]) } });
    expect(updates.errors).toEqual([]);
  });

  it('spends one budget per API key, whichever process answers', async () => {
    const created = await a.gql(
      'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key } }',
      { input: { name: 'BI export', scopes: ['TICKETS_READ'] } },
      { token: school.tokens.admin },
    );
    const key = created.data!.createApiKey.key as string;

    const first = await a.gql(TICKETS, {}, { token: key });
    const cost = Number(first.headers.get('x-query-cost'));
    expect(cost).toBeGreaterThan(1);
    const afterA = Number(first.headers.get('x-ratelimit-remaining'));
    const second = await b.gql(TICKETS, {}, { token: key });
    const afterB = Number(second.headers.get('x-ratelimit-remaining'));
    // B saw A's spending: one bucket (it refills 1 point a second, so allow a little drift).
    expect(afterB).toBeLessThanOrEqual(afterA - cost + 2);
    expect(afterB).toBeGreaterThanOrEqual(afterA - cost);
  });

  it('runs timed work once per due item: SLA escalation and rating reminders', async () => {
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    const base = {
      description: '-',
      priority: 'NORMAL' as const,
      channel: 'PORTAL' as const,
      categoryId: school.categories.login.id,
      departmentId: school.departments.it.id,
      contactName: 'Alice Student',
      contactEmail: school.users.alice.email,
    };
    await db.prisma.ticket.createMany({
      data: Array.from({ length: 60 }, (_, index) => ({
        ...base,
        title: `Overdue ${index}`,
        status: 'OPEN' as const,
        firstResponseDueAt: hoursAgo(1),
        resolutionDueAt: hoursAgo(-20),
      })),
    });
    await db.prisma.ticket.createMany({
      data: Array.from({ length: 60 }, (_, index) => ({
        ...base,
        title: `Resolved ${index}`,
        status: 'RESOLVED' as const,
        resolvedAt: hoursAgo(49),
        firstRespondedAt: hoursAgo(50),
      })),
    });

    const overdue = { title: { startsWith: 'Overdue' } };
    const resolved = { title: { startsWith: 'Resolved' } };
    // Every ticket claimed: a sweep writes its events and emails in the claim's transaction, and
    // no later sweep of either process picks a claimed ticket again.
    await until(
      async () =>
        (await db.prisma.ticket.count({ where: { ...overdue, escalatedAt: { not: null } } })) === 60 &&
        (await db.prisma.ticket.count({ where: { ...resolved, ratingReminderSentAt: { not: null } } })) === 60,
      20_000,
      'both processes’ sweeps to claim every due ticket',
    );
    const perTicket = await db.prisma.ticketEvent.groupBy({
      by: ['ticketId'],
      where: { type: 'SLA_BREACHED', ticket: overdue },
      _count: true,
    });
    expect(perTicket).toHaveLength(60);
    expect(perTicket.every((group) => group._count === 1)).toBe(true);
    const remindersPerTicket = await db.prisma.emailMessage.groupBy({
      by: ['ticketId'],
      where: { kind: 'RATING_REMINDER', ticket: resolved },
      _count: true,
    });
    expect(remindersPerTicket).toHaveLength(60);
    expect(remindersPerTicket.every((group) => group._count === 1)).toBe(true);
    // Managers heard of each breach once.
    expect(
      await db.prisma.emailMessage.count({ where: { kind: 'SLA_ESCALATION', ticket: overdue, toAddress: school.users.manager.email } }),
    ).toBe(60);
  }, 40_000);

  it('retries webhooks across processes and succeeds exactly once per event', async () => {
    // Fails twice, then takes it.
    const receiver = await startWebhookReceiver(failFirstAttempts(2, { status: 503, body: 'busy' }));
    /** How many requests each event got. */
    const perEvent = (requests: ReceivedRequest[]) => {
      const counts = new Map<string, number>();
      for (const request of requests)
        counts.set(String(request.headers['webhook-id']), (counts.get(String(request.headers['webhook-id'])) ?? 0) + 1);
      return [...counts.values()];
    };
    try {
      const webhook = await a.gql(
        'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }',
        { input: { url: receiver.url, events: ['TICKET_CREATED'] } },
        { token: school.tokens.admin },
      );
      expect(webhook.errors).toBeUndefined();
      for (let index = 0; index < 8; index += 1) await report(index % 2 ? a : b, `Printer ${index} jams`);

      const successes = () => receiver.received.filter((request) => request.status === 200);
      await until(() => successes().length >= 8, 20_000, 'a successful delivery of each event');
      // Nothing more will be sent: every event fanned out, no delivery waiting for an attempt.
      await until(
        async () =>
          (await db.prisma.outboxEvent.count({ where: { processedAt: null } })) === 0 &&
          (await db.prisma.webhookDelivery.count({ where: { status: 'PENDING' } })) === 0,
        20_000,
        'webhook delivery to settle',
      );
      expect(perEvent(successes())).toEqual(Array(8).fill(1));
      expect(perEvent(receiver.received)).toEqual(Array(8).fill(3));
    } finally {
      await receiver.close();
    }
  }, 40_000);

  it('keeps serving through B when A is killed mid-load, and loses no report A confirmed', async () => {
    const confirmed: string[] = [];
    let confirmedByA = 0;
    const failedOnB: unknown[] = [];
    let killed = false;
    const load = async (api: ApiProcess, worker: number) => {
      for (let index = 0; index < 25; index += 1) {
        if (api === a && killed) return;
        try {
          const ticket = await report(api, `Load ${worker}-${index}`);
          confirmed.push(fromGlobalId(ticket.id, 'Ticket', 'id'));
          if (api === a) confirmedByA += 1;
        } catch (error) {
          if (api === b) failedOnB.push(error);
        }
      }
    };
    const loads = [load(a, 1), load(a, 2), load(b, 3), load(b, 4)];
    // Mid-load: A has confirmed some reports and is working on more.
    await until(() => confirmedByA >= 3, 20_000, 'A to confirm some reports');
    killed = true;
    a.child.kill('SIGKILL');
    await Promise.all(loads);

    expect(await a.exited).toBeNull();
    expect(failedOnB).toEqual([]);
    expect(confirmed.length).toBeGreaterThanOrEqual(50);
    expect(confirmedByA).toBeGreaterThan(0);
    const stored = await db.prisma.ticket.count({ where: { id: { in: confirmed } } });
    expect(stored).toBe(confirmed.length);
    const health = await fetch(b.url.replace(/graphql$/, 'health'));
    expect(health.status).toBe(200);
  }, 40_000);
});
