// The cleanup job: rows nothing needs any more. Each delete is one statement, so each is whole on
// its own; none depends on another.
import type { PrismaClient } from '@studentdesk/db';
import { deleteExpiredSessions } from '../auth/sessions.js';
import type { JobSettings } from './queues.js';

const DAY_MS = 86_400_000;
/** A read notification stays this long for the Notifications page's "earlier" list. */
const READ_NOTIFICATION_DAYS = 90;
/** An unread one this long: a year-old "assigned to you" is history, and the ticket's activity keeps it. */
const UNREAD_NOTIFICATION_DAYS = 365;

/** How many rows of each kind a run removed (or, for inbound sources, emptied). */
export type Cleaned = Record<
  'sessions' | 'idempotencyKeys' | 'emails' | 'webhookEvents' | 'samlRequests' | 'bulkUpdates' | 'staffNotifications' | 'inboundSources',
  number
>;

export async function cleanUp(
  prisma: PrismaClient,
  settings: Pick<JobSettings, 'idempotencyKeyRetentionDays' | 'outboxRetentionDays'>,
  now: Date,
): Promise<Cleaned> {
  const keysBefore = new Date(now.getTime() - settings.idempotencyKeyRetentionDays * DAY_MS);
  const outboxBefore = new Date(now.getTime() - settings.outboxRetentionDays * DAY_MS);
  const sessions = await deleteExpiredSessions(prisma, now);
  // Raw, so the tickets' updatedAt stays when they last changed for people. A retried report older
  // than this is a new report.
  const idempotencyKeys = await prisma.$executeRaw`
    UPDATE "Ticket" SET "idempotencyScope" = NULL, "idempotencyKey" = NULL, "idempotencyRequestHash" = NULL
    WHERE "idempotencyKey" IS NOT NULL AND "createdAt" < ${keysBefore}`;
  const { count: emails } = await prisma.emailMessage.deleteMany({ where: { status: 'SUCCEEDED', sentAt: { lt: outboxBefore } } });
  // An event goes with its deliveries and their attempts (cascade), once none is still being tried.
  const { count: webhookEvents } = await prisma.outboxEvent.deleteMany({
    where: { processedAt: { lt: outboxBefore }, deliveries: { none: { status: 'PENDING' } } },
  });
  // A SAML IdP's answer to a request past its time is refused anyway (sso/saml-requests.ts).
  const { count: samlRequests } = await prisma.samlRequest.deleteMany({ where: { expiresAt: { lt: now } } });
  // A bulk update's undo is refused once its 10 seconds are over (tickets/ticket.bulk.ts).
  const { count: bulkUpdates } = await prisma.bulkUpdate.deleteMany({ where: { expiresAt: { lt: now } } });
  // Never one still waiting for its email digest.
  const { count: staffNotifications } = await prisma.staffNotification.deleteMany({
    where: {
      emailDueAt: null,
      OR: [
        { readAt: { not: null }, createdAt: { lt: new Date(now.getTime() - READ_NOTIFICATION_DAYS * DAY_MS) } },
        { createdAt: { lt: new Date(now.getTime() - UNREAD_NOTIFICATION_DAYS * DAY_MS) } },
      ],
    },
  });
  // A decided inbound email keeps its Message-ID (a late redelivery is still a duplicate) and its
  // text (still readable on the ticket); only the source, attachments and all, goes (mail-in/).
  const { count: inboundSources } = await prisma.inboundEmail.updateMany({
    where: { status: { in: ['ACCEPTED', 'DISCARDED'] }, receivedAt: { lt: outboxBefore }, raw: { not: '' } },
    data: { raw: '' },
  });
  return { sessions, idempotencyKeys, emails, webhookEvents, samlRequests, bulkUpdates, staffNotifications, inboundSources };
}
