// Cleanup with a test clock: what is past its retention goes, what is recent stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createDepartment, createTestDatabase, createUser, DATABASE_KINDS, type TestDatabase } from '@studentdesk/testing';
import { TestClock } from '../test/clock.js';
import { cleanUp } from './cleanup.js';

const DAY = 86_400_000;
const RETENTION = { idempotencyKeyRetentionDays: 30, outboxRetentionDays: 30 };

describe.each(DATABASE_KINDS)('cleanup on %s', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it('deletes expired sessions, old idempotency keys and old delivered outbox rows, and keeps the rest', async () => {
    const { prisma } = db;
    const clock = new TestClock('2026-06-01T12:00:00Z');
    const ago = (days: number) => new Date(clock.now().getTime() - days * DAY);
    const user = await createUser(prisma, 'STUDENT');
    const department = await createDepartment(prisma, 'IT');
    const category = await createCategory(prisma, department.id);

    await prisma.session.createMany({
      data: [
        { userId: user.id, expiresAt: ago(1) },
        { userId: user.id, expiresAt: ago(-1) },
      ],
    });
    const ticket = (title: string, createdAt: Date) => ({
      title,
      description: '-',
      priority: 'NORMAL' as const,
      channel: 'PORTAL' as const,
      categoryId: category.id,
      departmentId: department.id,
      contactName: 'A student',
      contactEmail: 'a@example.edu',
      createdAt,
      idempotencyScope: `user:${user.id}`,
      idempotencyKey: title,
      idempotencyRequestHash: 'hash',
    });
    await prisma.ticket.createMany({ data: [ticket('old', ago(31)), ticket('recent', ago(29))] });
    const oldTicket = await prisma.ticket.findFirstOrThrow({ where: { title: 'old' } });
    const email = (subject: string, status: 'SUCCEEDED' | 'PENDING' | 'FAILED', sentAt: Date | null) => ({
      kind: 'STAFF_REPLIED' as const,
      toAddress: 'a@example.edu',
      subject,
      text: '-',
      status,
      sentAt,
    });
    await prisma.emailMessage.createMany({
      data: [email('sent long ago', 'SUCCEEDED', ago(31)), email('sent lately', 'SUCCEEDED', ago(29)), email('gave up', 'FAILED', null)],
    });
    const webhook = await prisma.webhook.create({ data: { url: 'https://hooks.example.edu/in', secret: 's', events: ['ticket.created'] } });
    const event = (type: string, processedAt: Date) => prisma.outboxEvent.create({ data: { type, payload: {}, processedAt } });
    const [delivered, stillTrying, recent] = await Promise.all([
      event('delivered', ago(31)),
      event('still trying', ago(31)),
      event('recent', ago(29)),
    ]);
    await prisma.webhookDelivery.createMany({
      data: [
        { webhookId: webhook.id, eventId: delivered.id, eventType: 'delivered', status: 'SUCCEEDED' },
        { webhookId: webhook.id, eventId: stillTrying.id, eventType: 'still trying', status: 'PENDING' },
        { webhookId: webhook.id, eventId: recent.id, eventType: 'recent', status: 'SUCCEEDED' },
      ],
    });

    // SAML requests past their time: an answer to one would be refused anyway.
    await prisma.samlRequest.createMany({
      data: [
        { id: '_expired', createdAt: ago(1), expiresAt: new Date(clock.now().getTime() - 1000) },
        { id: '_live', createdAt: clock.now(), expiresAt: new Date(clock.now().getTime() + 600_000) },
      ],
    });

    // Bulk updates past their undo window: the undo is refused anyway.
    const bulkUpdate = (tokenHash: string, expiresAt: Date) => ({ actorId: user.id, tokenHash, tickets: [], createdAt: ago(1), expiresAt });
    await prisma.bulkUpdate.createMany({
      data: [bulkUpdate('expired', new Date(clock.now().getTime() - 1000)), bulkUpdate('live', new Date(clock.now().getTime() + 10_000))],
    });

    // Staff notifications: read ones after 90 days, unread ones after a year, never one awaiting its digest.
    const staffNotification = (createdAt: Date, readAt: Date | null, emailDueAt: Date | null = null) => ({
      recipientId: user.id,
      kind: 'ASSIGNED_TO_ME' as const,
      ticketId: oldTicket.id,
      createdAt,
      readAt,
      emailDueAt,
    });
    await prisma.staffNotification.createMany({
      data: [
        staffNotification(ago(91), ago(90)),
        staffNotification(ago(89), ago(89)),
        staffNotification(ago(366), null),
        staffNotification(ago(364), null),
        staffNotification(ago(366), null, ago(1)),
      ],
    });

    // Inbound email: a decided one's source goes after the retention; a held one waits for an admin.
    const inbound = (messageId: string, status: 'ACCEPTED' | 'HELD', receivedAt: Date) => ({
      messageId,
      source: 'SMTP' as const,
      fromAddress: 'a@example.edu',
      toAddress: 'it@school.test',
      subject: messageId,
      raw: 'Subject: x\r\n\r\nsource',
      originalText: 'text',
      status,
      receivedAt,
    });
    await prisma.inboundEmail.createMany({
      data: [
        inbound('accepted-old', 'ACCEPTED', ago(31)),
        inbound('held-old', 'HELD', ago(31)),
        inbound('accepted-recent', 'ACCEPTED', ago(29)),
      ],
    });

    expect(await cleanUp(prisma, RETENTION, clock.now())).toEqual({
      sessions: 1,
      idempotencyKeys: 1,
      emails: 1,
      webhookEvents: 1,
      samlRequests: 1,
      bulkUpdates: 1,
      staffNotifications: 2,
      inboundSources: 1,
    });
    expect(
      await prisma.inboundEmail.findMany({ select: { messageId: true, raw: true, originalText: true }, orderBy: { messageId: 'asc' } }),
    ).toEqual([
      { messageId: 'accepted-old', raw: '', originalText: 'text' },
      { messageId: 'accepted-recent', raw: 'Subject: x\r\n\r\nsource', originalText: 'text' },
      { messageId: 'held-old', raw: 'Subject: x\r\n\r\nsource', originalText: 'text' },
    ]);
    expect(await prisma.staffNotification.count()).toBe(3);
    expect(await prisma.session.count()).toBe(1);
    expect((await prisma.samlRequest.findMany({ select: { id: true } })).map((row) => row.id)).toEqual(['_live']);
    expect(await prisma.ticket.findMany({ select: { title: true, idempotencyKey: true }, orderBy: { title: 'asc' } })).toEqual([
      { title: 'old', idempotencyKey: null },
      { title: 'recent', idempotencyKey: 'recent' },
    ]);
    expect(
      (await prisma.emailMessage.findMany({ select: { subject: true }, orderBy: { subject: 'asc' } })).map((row) => row.subject),
    ).toEqual(['gave up', 'sent lately']);
    expect((await prisma.outboxEvent.findMany({ select: { type: true }, orderBy: { type: 'asc' } })).map((row) => row.type)).toEqual([
      'recent',
      'still trying',
    ]);

    // A day later the recent ones have aged past their retention too.
    clock.advance(2 * DAY);
    expect(await cleanUp(prisma, RETENTION, clock.now())).toEqual({
      sessions: 1,
      idempotencyKeys: 1,
      emails: 1,
      webhookEvents: 1,
      samlRequests: 1,
      inboundSources: 1,
      bulkUpdates: 1,
      staffNotifications: 2,
    });
  });
});
