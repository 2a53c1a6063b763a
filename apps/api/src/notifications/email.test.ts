// Emails to students, received by a real SMTP server on loopback: the tracking link of a guest
// report, staff replies, "resolved — how did we do?", and one rating reminder after 48 hours.
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, createSchool, DATABASE_KINDS, type School, type SmtpReceiver, startSmtpReceiver } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { RATE, REPLY, REPORT_PROBLEM, RESOLVE, TRACK_TICKET } from '../test/operations.js';
import { parseGlobalId } from '../relay/global-id.js';
import { deliverPendingEmail } from './email.sender.js';
import { queueRatingReminders } from '../tickets/ticket.notifications.js';
import { addMessage } from '../tickets/ticket.service.js';

const PUBLIC_URL = 'https://desk.school.test';
const OUTBOUND = { emailFrom: 'desk@school.test', publicUrl: PUBLIC_URL, authSecret: new TextEncoder().encode('test secret') };
const OUTBOX = /* GraphQL */ `
  query Outbox($status: [DeliveryStatus!]) {
    emailOutbox(status: $status, first: 50) {
      edges {
        node {
          id
          kind
          toAddress
          subject
          text
          status
          ticketId
        }
      }
    }
  }
`;

const trackingCodeIn = (text: string) => /\/track\/(sdt_[\w-]+)/.exec(text)?.[1];

describe.each(DATABASE_KINDS)('email on %s', (kind) => {
  let smtp: SmtpReceiver;
  let api: TestApi;
  let school: School;
  let guestNumber = 0;

  const reportAsGuest = async () => {
    guestNumber += 1;
    const email = `guest${guestNumber}.${kind}@student.test`;
    const res = await api.gql(REPORT_PROBLEM, {
      input: {
        categoryId: school.categoryIds.login,
        title: 'Cannot sign in to the LMS',
        description: 'It says my account is locked.',
        contactName: 'Gina Guest',
        contactEmail: email,
      },
    });
    expect(res.errors).toBeUndefined();
    return {
      email,
      ticketId: res.data!.reportProblem.ticket.id as string,
      number: res.data!.reportProblem.ticket.number as string,
      trackingCode: res.data!.reportProblem.trackingCode as string,
    };
  };

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    api = await startTestApi(kind, { SMTP_URL: smtp.url, EMAIL_POLL_MS: '100', PUBLIC_URL, EMAIL_FROM: 'Help Desk <desk@school.test>' });
    school = await createSchool(api);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('emails a guest the tracking link they were shown, which opens their ticket', async () => {
    const guest = await reportAsGuest();
    const email = await smtp.waitFor((received) => received.to === guest.email);
    expect(email.from).toMatch(/Help Desk.*<desk@school\.test>/);
    expect(email.subject).toBe(`We received your report ${guest.number}`);
    expect(email.text).toContain(`${PUBLIC_URL}/track/${guest.trackingCode}`);
    expect(email.text).toMatch(/We aim to reply by \w+day \d+ \w+, \d\d:\d\d\./);
    const tracked = await api.gql(TRACK_TICKET, { code: trackingCodeIn(email.text) });
    expect(tracked.data!.trackTicket.number).toBe(guest.number);
  });

  it('sends no tracking email to a signed-in student, who has “My tickets”', async () => {
    const res = await api.gql(
      REPORT_PROBLEM,
      { input: { categoryId: school.categoryIds.login, title: 'Signed in', description: 'Printer jam.' } },
      { token: school.tokens.alice },
    );
    const ticketId = parseGlobalId(res.data!.reportProblem.ticket.id)!.id;
    expect(await api.db.prisma.emailMessage.count({ where: { ticketId } })).toBe(0);
  });

  it('tells the student when staff reply in public, not for notes or their own replies', async () => {
    const guest = await reportAsGuest();
    await api.gql(
      REPLY,
      { input: { ticketId: guest.ticketId, body: 'Internal: check the IdP logs.', internal: true } },
      { token: school.tokens.staff },
    );
    await api.gql(REPLY, { input: { ticketId: guest.ticketId, body: 'Here is more detail.', trackingCode: guest.trackingCode } });
    await api.gql(
      REPLY,
      { input: { ticketId: guest.ticketId, body: 'I have unlocked your account. Try again?' } },
      { token: school.tokens.staff },
    );
    const email = await smtp.waitFor((received) => received.to === guest.email && received.subject.startsWith('Sam Staff replied'));
    expect(email.text).toContain('I have unlocked your account. Try again?');
    expect(email.text).not.toContain('IdP logs');
    const kinds = await api.db.prisma.emailMessage.findMany({
      where: { ticketId: parseGlobalId(guest.ticketId)!.id },
      select: { kind: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(kinds.map((row) => row.kind)).toEqual(['TRACKING_LINK', 'STAFF_REPLIED']);
    const replyLink = await api.gql(TRACK_TICKET, { code: trackingCodeIn(email.text) });
    expect(replyLink.data!.trackTicket.id).toBe(guest.ticketId);
  });

  it('writes no email when the change that caused it is rolled back', async () => {
    const guest = await reportAsGuest();
    const ticket = await api.db.prisma.ticket.findUniqueOrThrow({ where: { id: parseGlobalId(guest.ticketId)!.id } });
    const rolledBack = api.db.prisma.$transaction(async (tx) => {
      await addMessage(tx, ticket, school.users.staff, 'staff', 'This reply never happened.', false, PUBLIC_URL, new Date());
      throw new Error('the change failed after the reply was written');
    });
    await expect(rolledBack).rejects.toThrow('the change failed');
    expect(await api.db.prisma.emailMessage.count({ where: { ticketId: ticket.id, kind: 'STAFF_REPLIED' } })).toBe(0);
  });

  it('asks “how did we do?” on resolution with one-click rating links that work without signing in', async () => {
    const guest = await reportAsGuest();
    await api.gql(
      RESOLVE,
      { input: { ticketId: guest.ticketId, resolution: 'Account unlocked and password reset.', predictedScore: 4 } },
      { token: school.tokens.staff },
    );
    const email = await smtp.waitFor((received) => received.to === guest.email && received.subject.startsWith('Resolved — how did we do?'));
    expect(email.text).toContain('Account unlocked and password reset.');
    const fiveStars = new RegExp(`${PUBLIC_URL}/track/(sdt_[\\w-]+)\\?rate=5`).exec(email.text);
    expect(fiveStars).not.toBeNull();
    const rated = await api.gql(RATE, {
      input: { ticketId: guest.ticketId, score: 5, expectation: 'EXCEEDED', trackingCode: fiveStars![1] },
    });
    expect(rated.errors).toBeUndefined();
  });

  it('reminds once, 48 hours after resolution, only unrated tickets, even when two sweeps race', async () => {
    const [unrated, rated, recent] = [await reportAsGuest(), await reportAsGuest(), await reportAsGuest()];
    for (const guest of [unrated, rated, recent]) {
      await api.gql(RESOLVE, { input: { ticketId: guest.ticketId, resolution: 'Fixed.' } }, { token: school.tokens.staff });
    }
    await api.gql(RATE, { input: { ticketId: rated.ticketId, score: 4, expectation: 'MET', trackingCode: rated.trackingCode } });
    const now = new Date();
    const ids = [unrated, rated, recent].map((guest) => parseGlobalId(guest.ticketId)!.id);
    await api.db.prisma.ticket.updateMany({
      where: { id: { in: ids.slice(0, 2) } },
      data: { resolvedAt: new Date(now.getTime() - 49 * 3600_000) },
    });

    const swept = await Promise.all([
      queueRatingReminders(api.db.prisma, PUBLIC_URL, now),
      queueRatingReminders(api.db.prisma, PUBLIC_URL, now),
    ]);
    expect(swept[0] + swept[1]).toBe(1);
    expect(await queueRatingReminders(api.db.prisma, PUBLIC_URL, new Date(now.getTime() + 3600_000))).toBe(0);
    const reminders = await api.db.prisma.emailMessage.findMany({ where: { kind: 'RATING_REMINDER', ticketId: { in: ids } } });
    expect(reminders.map((row) => row.ticketId)).toEqual([ids[0]]);
    const email = await smtp.waitFor((received) => received.to === unrated.email && received.subject.startsWith('A moment to rate'));
    expect(email.text).toMatch(/\?rate=1/);
  });
});

describe.each(DATABASE_KINDS)('the outbox without SMTP_URL on %s', (kind) => {
  let api: TestApi;
  let school: School;
  let smtp: SmtpReceiver;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    api = await startTestApi(kind, { PUBLIC_URL });
    school = await createSchool(api);
  });
  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('keeps email in the outbox for admins, and only admins, to read', async () => {
    await api.gql(REPORT_PROBLEM, {
      input: {
        categoryId: school.categoryIds.login,
        title: 'Locked out',
        description: 'Too many attempts.',
        contactName: 'Olu Outbox',
        contactEmail: 'olu@student.test',
      },
    });
    const outbox = await api.gql(OUTBOX, { status: ['PENDING'] }, { token: school.tokens.admin });
    expect(outbox.errors).toBeUndefined();
    expect(outbox.data!.emailOutbox.edges).toEqual([
      {
        node: expect.objectContaining({
          kind: 'TRACKING_LINK',
          toAddress: 'olu@student.test',
          status: 'PENDING',
          ticketId: expect.any(String),
        }),
      },
    ]);
    expect(codes(await api.gql(OUTBOX, {}, { token: school.tokens.staff }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(OUTBOX, {}, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
    expect(codes(await api.gql(OUTBOX, {}))).toEqual(['UNAUTHENTICATED']);
  });

  it('retries a failed delivery later and gives the mail server’s error meanwhile', async () => {
    // Only this email is due: the outbox test's email is set aside.
    await api.db.prisma.emailMessage.updateMany({ where: { status: 'PENDING' }, data: { status: 'FAILED' } });
    const row = await api.db.prisma.emailMessage.create({
      data: { kind: 'STAFF_REPLIED', toAddress: 'retry@student.test', subject: 'Retry me', text: 'Hello' },
    });
    const transport = nodemailer.createTransport(smtp.url);
    smtp.failNext(1);
    const now = new Date();
    expect(await deliverPendingEmail(api.db.prisma, transport, OUTBOUND, now)).toBe(0);
    const failed = await api.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(failed).toMatchObject({ status: 'PENDING', attempts: 1, error: expect.stringContaining('Mailbox busy') });
    // Not again before the backoff has passed…
    expect(await deliverPendingEmail(api.db.prisma, transport, OUTBOUND, new Date(now.getTime() + 30_000))).toBe(0);
    // …then it goes out.
    expect(await deliverPendingEmail(api.db.prisma, transport, OUTBOUND, new Date(now.getTime() + 120_000))).toBe(1);
    expect(await smtp.waitFor((received) => received.subject === 'Retry me')).toMatchObject({
      to: 'retry@student.test',
      text: expect.stringContaining('Hello'),
    });
    transport.close();
  });
});
