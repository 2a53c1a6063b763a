// Emails about a ticket, written to the outbox (EmailMessage) inside the transaction of the change
// that causes them: a rolled-back change sends nothing, a committed one is never forgotten.
// Every email carries its own tracking link, so the student needs no sign-in to answer or rate.
import type { Prisma, PrismaClient, Ticket as TicketRow, User as UserRow } from '@studentdesk/db';
import { RESOLVED_STATUSES } from '@studentdesk/domain';
import { issueTrackingCode } from './tracking-code.js';
import { isUndeliverable } from '../notifications/undeliverable.js';
import { newMessageId, threadHeaders } from '../notifications/threading.js';
import {
  automationEmail,
  fromSchool,
  lostLinkEmail,
  ratingReminderEmail,
  resolvedEmail,
  staffRepliedEmail,
  ticketsMergedEmail,
  trackingLinkEmail,
  type Email,
} from '../notifications/email.templates.js';

type Tx = Prisma.TransactionClient;

/** An erased person's ticket keeps a placeholder address: no email, and no tracking link to put in one. */
const reachable = (ticket: Pick<TicketRow, 'contactEmail'>) => !isUndeliverable(ticket.contactEmail);

/**
 * Whether the student behind a ticket they reported signed in wants a reply email; they can turn
 * it off on their profile. A guest's report has no account, and its emails are its only way in.
 */
async function wantsStaffReplies(tx: Tx, ticket: Pick<TicketRow, 'requesterId'>): Promise<boolean> {
  if (!ticket.requesterId) return true;
  const requester = await tx.user.findUnique({ where: { id: ticket.requesterId }, select: { staffReplyEmails: true } });
  return requester?.staffReplyEmails ?? true;
}

/** Unrated resolved tickets get one reminder this long after resolution… */
export const RATING_REMINDER_AFTER_HOURS = 48;
/** …unless they were resolved so long ago that a reminder would surprise more than help. */
const RATING_REMINDER_WINDOW_DAYS = 14;
const REMINDERS_PER_SWEEP = 100;

/** Threaded onto the ticket's conversation (notifications/threading.ts) with a Message-ID of its own. */
async function queue(tx: Tx, publicUrl: string, ticket: Pick<TicketRow, 'id' | 'contactEmail'>, unsigned: Email) {
  const school = await tx.school.findUnique({ where: { id: 1 }, select: { name: true } });
  const email = fromSchool(unsigned, school?.name);
  const thread = await threadHeaders(tx, publicUrl, ticket.id);
  return tx.emailMessage.create({
    data: {
      kind: email.kind,
      toAddress: ticket.contactEmail,
      subject: email.subject,
      text: email.text,
      ticketId: ticket.id,
      messageId: newMessageId(publicUrl),
      ...thread,
    },
  });
}

/** A guest's report: the tracking link they were just shown, to keep. */
export function emailTrackingLink(tx: Tx, publicUrl: string, ticket: TicketRow, trackingCode: string, timeZone: string) {
  return queue(tx, publicUrl, ticket, trackingLinkEmail(publicUrl, ticket, trackingCode, timeZone));
}

/** "Lost my link": a new tracking code for the ticket, mailed to its contact address. */
export async function emailLostLink(tx: Tx, publicUrl: string, ticket: TicketRow) {
  if (!reachable(ticket)) return null;
  const code = await issueTrackingCode(tx, ticket.id);
  return queue(tx, publicUrl, ticket, lostLinkEmail(publicUrl, ticket, code));
}

/** A public answer from staff (a reply or an incident update). */
export async function emailStaffReply(tx: Tx, publicUrl: string, ticket: TicketRow, author: UserRow | null, body: string) {
  if (!reachable(ticket) || !(await wantsStaffReplies(tx, ticket))) return null;
  const code = await issueTrackingCode(tx, ticket.id);
  return queue(tx, publicUrl, ticket, staffRepliedEmail(publicUrl, ticket, code, author?.name ?? 'The help desk', body));
}

/** "Resolved — how did we do?", with one-click rating links. */
export async function emailResolved(tx: Tx, publicUrl: string, ticket: TicketRow, resolution: string) {
  if (!reachable(ticket)) return null;
  const code = await issueTrackingCode(tx, ticket.id);
  return queue(tx, publicUrl, ticket, resolvedEmail(publicUrl, ticket, code, resolution));
}

/** A duplicate merged into the ticket that stays: its reporter is told once, with the kept ticket's link. */
export async function emailTicketsMerged(tx: Tx, publicUrl: string, duplicate: TicketRow, kept: TicketRow) {
  if (!reachable(duplicate)) return null;
  const code = await issueTrackingCode(tx, kept.id);
  return queue(tx, publicUrl, { id: kept.id, contactEmail: duplicate.contactEmail }, ticketsMergedEmail(publicUrl, duplicate, kept, code));
}

/** An automation rule's email to the student (a reminder, say), with the ticket's link. */
export async function emailFromAutomation(tx: Tx, publicUrl: string, ticket: TicketRow, subject: string, body: string) {
  if (!reachable(ticket)) return null;
  const code = await issueTrackingCode(tx, ticket.id);
  return queue(tx, publicUrl, ticket, automationEmail(publicUrl, ticket, code, subject, body));
}

/**
 * Claims unrated tickets resolved 48 h ago and queues their one reminder, in one transaction;
 * not for a student who turned rating reminders off on their profile.
 * The claim is an UPDATE … RETURNING on rows not yet marked, so two API processes sweeping at
 * the same moment never remind the same ticket twice. Returns how many were queued.
 */
export async function queueRatingReminders(prisma: PrismaClient, publicUrl: string, now: Date): Promise<number> {
  const dueBefore = new Date(now.getTime() - RATING_REMINDER_AFTER_HOURS * 3600_000);
  const notBefore = new Date(now.getTime() - RATING_REMINDER_WINDOW_DAYS * 86400_000);
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<TicketRow[]>`
      UPDATE "Ticket" SET "ratingReminderSentAt" = ${now}
      WHERE "id" IN (
        SELECT t."id" FROM "Ticket" t
        WHERE t."status" = ANY(${[...RESOLVED_STATUSES]}::"TicketStatus"[])
          AND t."resolvedAt" <= ${dueBefore} AND t."resolvedAt" > ${notBefore}
          AND t."ratingReminderSentAt" IS NULL
          AND NOT EXISTS (SELECT 1 FROM "Rating" r WHERE r."ticketId" = t."id")
          -- Left unclaimed: a student who turns reminders back on within the window still gets one.
          AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t."requesterId" AND NOT u."ratingReminderEmails")
        ORDER BY t."resolvedAt"
        LIMIT ${REMINDERS_PER_SWEEP}
        FOR UPDATE SKIP LOCKED
      ) AND "ratingReminderSentAt" IS NULL
      RETURNING *`;
    for (const ticket of claimed.filter(reachable)) {
      const code = await issueTrackingCode(tx, ticket.id);
      await queue(tx, publicUrl, ticket, ratingReminderEmail(publicUrl, ticket, code));
    }
    return claimed.length;
  });
}
