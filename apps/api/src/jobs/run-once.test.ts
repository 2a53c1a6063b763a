// Two API processes (the built dist/main.js twice) on one PostgreSQL database share one job
// system: every job runs once. SLA breaches are escalated once, each outbox email reaches the mail
// server once, each webhook event reaches its receiver once, and no sweep ever runs in both
// processes at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiProcess,
  createSchool,
  createTestDatabase,
  type School,
  type SmtpReceiver,
  startApiProcess,
  startSmtpReceiver,
  startWebhookReceiver,
  type TestDatabase,
  until,
  type WebhookReceiver,
} from '@studentdesk/testing';
import { REPORT_PROBLEM } from '../test/operations.js';
import { QUEUE } from './queues.js';

const ITEMS = 30;
const SWEEPS = [QUEUE.automation, QUEUE.cleanup, QUEUE.emailOutbox, QUEUE.ratingReminders, QUEUE.slaEscalation, QUEUE.webhookRelay];

describe('two API processes on one database run each job once', () => {
  let db: TestDatabase;
  let smtp: SmtpReceiver;
  let receiver: WebhookReceiver;
  let a: ApiProcess;
  let b: ApiProcess;
  let school: School;

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    [smtp, receiver] = await Promise.all([startSmtpReceiver(), startWebhookReceiver()]);
    const env = {
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      SWEEP_INTERVAL_MS: '200',
      EMAIL_POLL_MS: '200',
      CLEANUP_INTERVAL_MS: '200',
      WEBHOOK_POLL_MS: '100',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    };
    // Started together: both create pg-boss's schema and queues at the same moment.
    [a, b] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    school = await createSchool({ db, gql: a.gql });
  }, 90_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([smtp?.close(), receiver?.close()]);
    await db?.drop();
  });

  it('escalates, emails and delivers every item exactly once, whichever process takes it', async () => {
    const webhook = await a.gql(
      'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }',
      { input: { url: receiver.url, events: ['TICKET_CREATED'] } },
      { token: school.tokens.admin },
    );
    expect(webhook.errors).toBeUndefined();

    // Work for every queue: reports (webhook events) through both processes, then their first
    // answers made overdue (SLA escalation), and emails waiting in the outbox.
    for (let index = 0; index < ITEMS; index += 1) {
      const response = await (index % 2 ? a : b).gql(
        REPORT_PROBLEM,
        { input: { categoryId: school.categoryIds.login, title: `Run-once ${index}`, description: 'Two processes.' } },
        { token: school.tokens.alice },
      );
      expect(response.errors).toBeUndefined();
    }
    const reported = { title: { startsWith: 'Run-once' } };
    await db.prisma.ticket.updateMany({ where: reported, data: { firstResponseDueAt: new Date(Date.now() - 3_600_000) } });
    await db.prisma.emailMessage.createMany({
      data: Array.from({ length: ITEMS }, (_, index) => ({
        kind: 'STAFF_REPLIED' as const,
        toAddress: 'student@example.edu',
        subject: `Outbox ${index}`,
        text: 'Sent once.',
      })),
    });

    await until(
      async () =>
        (await db.prisma.ticket.count({ where: { ...reported, escalatedAt: { not: null } } })) === ITEMS &&
        (await db.prisma.emailMessage.count({ where: { status: 'PENDING' } })) === 0 &&
        (await db.prisma.webhookDelivery.count({ where: { status: 'SUCCEEDED' } })) === ITEMS,
      30_000,
      'every breach escalated, every email sent, every event delivered',
    );

    const breaches = await db.prisma.ticketEvent.groupBy({
      by: ['ticketId'],
      where: { type: 'SLA_BREACHED', ticket: reported },
      _count: true,
    });
    expect(breaches).toHaveLength(ITEMS);
    expect(breaches.every((group) => group._count === 1)).toBe(true);

    const outbox = smtp.received.filter((email) => email.subject.startsWith('Outbox '));
    expect(outbox).toHaveLength(ITEMS);
    expect(new Set(outbox.map((email) => email.subject)).size).toBe(ITEMS);

    const perEvent = new Map<string, number>();
    for (const request of receiver.received) {
      const id = String(request.headers['webhook-id']);
      perEvent.set(id, (perEvent.get(id) ?? 0) + 1);
    }
    expect([...perEvent.values()]).toEqual(Array(ITEMS).fill(1));
  }, 60_000);

  it('never runs one sweep in both processes at once', async () => {
    // Every run of a sweep is a pg-boss job; the completed ones keep when they ran.
    const { rows } = await db.pool.query<{ name: string; started: Date; completed: Date }>(
      `SELECT name, started_on AS started, completed_on AS completed FROM pgboss.job
       WHERE name = ANY($1) AND state = 'completed' ORDER BY name, started_on`,
      [SWEEPS],
    );
    expect([...new Set(rows.map((row) => row.name))]).toEqual(SWEEPS);
    for (const queue of SWEEPS) {
      const runs = rows.filter((row) => row.name === queue);
      expect(runs.length, queue).toBeGreaterThan(3);
      for (let index = 1; index < runs.length; index += 1)
        expect(runs[index]!.started.getTime(), `${queue} run ${index} started before the one before it ended`).toBeGreaterThanOrEqual(
          runs[index - 1]!.completed.getTime(),
        );
    }
  });
});
