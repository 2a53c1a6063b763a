// Delivers the outbox. With SMTP_URL set, PENDING emails go out through nodemailer; without it
// they stay in the outbox, where admins read them (emailOutbox). The job system runs it one at a
// time (jobs/background-work.ts); the claim, which pushes nextAttemptAt forward before sending, still
// keeps an email from going twice when a run that was taken for lost is retried beside it.
import type { EmailMessage as EmailRow, PrismaClient } from '@studentdesk/db';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { hideEveryLinkToken } from '../auth/link-tokens.js';
import { emailHtml } from './email.html.js';
import { messageIdHost, replyAddress, replyToken } from './threading.js';

const BATCH = 20;
/** A claim lasts this long: a process that dies mid-send leaves the email for another to retry. */
const CLAIM_SECONDS = 300;
export const MAX_ATTEMPTS = 6;

/** Minutes to wait after the nth failed attempt: 1, 4, 16, 64, … */
export function retryDelayMinutes(attempts: number): number {
  return 4 ** Math.max(0, attempts - 1);
}

export interface MailTransport {
  sendMail: (message: SendMailOptions) => Promise<unknown>;
}

export interface OutboundSettings {
  emailFrom: string;
  publicUrl: string;
  /** Signs reply tokens (notifications/threading.ts). */
  authSecret: Uint8Array;
}

/** Reminders and digests a person can turn off; the header lets their mail client offer it. */
const UNSUBSCRIBABLE: Partial<Record<EmailRow['kind'], (settings: OutboundSettings) => string>> = {
  // The one reminder there is: a "no more" to the desk's own address says so on record.
  RATING_REMINDER: (settings) => `mailto:${/<([^>]+)>/.exec(settings.emailFrom)?.[1] ?? settings.emailFrom}?subject=unsubscribe`,
  STAFF_NOTIFICATIONS: (settings) => `${settings.publicUrl}/console/notifications`,
  MANAGER_WEEKLY: (settings) => `${settings.publicUrl}/console/notifications`,
};

/**
 * The email as it goes out: HTML and text from the one stored text, branded with the School row;
 * its Message-ID and thread; for a ticket's email, a Reply-To of the department's address with the
 * ticket's token, so the student's answer comes back onto the ticket (mail-in/).
 */
async function outgoing(prisma: PrismaClient, email: EmailRow, settings: OutboundSettings): Promise<SendMailOptions> {
  const [school, ticket] = await Promise.all([
    prisma.school.findUnique({ where: { id: 1 }, select: { name: true, primaryColor: true, accentColor: true } }),
    email.ticketId
      ? prisma.ticket.findUnique({ where: { id: email.ticketId }, select: { id: true, department: { select: { inboundAddress: true } } } })
      : null,
  ]);
  const inbound = ticket?.department.inboundAddress;
  const unsubscribe = UNSUBSCRIBABLE[email.kind]?.(settings);
  return {
    from: settings.emailFrom,
    to: email.toAddress,
    subject: email.subject,
    text: email.text,
    html: emailHtml(email.subject, email.text, school ?? undefined),
    // Stable across retries: the row's own when it was stored without one.
    messageId: `<${email.messageId ?? `${email.id}@${messageIdHost(settings.publicUrl)}`}>`,
    ...(email.inReplyTo ? { inReplyTo: `<${email.inReplyTo}>` } : {}),
    ...(email.references ? { references: email.references.split(' ').map((id) => `<${id}>`) } : {}),
    ...(ticket && inbound ? { replyTo: replyAddress(inbound, replyToken(settings.authSecret, ticket.id)) } : {}),
    ...(unsubscribe ? { list: { unsubscribe } } : {}),
    // Ours are automatic: other desks' and vacation responders must not answer them (RFC 3834).
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
  };
}

/** Sends what is due now; returns how many were sent. */
export async function deliverPendingEmail(
  prisma: PrismaClient,
  transport: MailTransport,
  settings: OutboundSettings,
  now = new Date(),
): Promise<number> {
  const claimUntil = new Date(now.getTime() + CLAIM_SECONDS * 1000);
  const claimed = await prisma.$queryRaw<EmailRow[]>`
    UPDATE "EmailMessage" SET "nextAttemptAt" = ${claimUntil}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "EmailMessage"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now}
      ORDER BY "createdAt"
      LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED
    ) AND "status" = 'PENDING' AND "nextAttemptAt" <= ${now}
    RETURNING *`;
  let sent = 0;
  for (const email of claimed) {
    try {
      await transport.sendMail(await outgoing(prisma, email, settings));
      // Once mailed, the link's secret lives only in the recipient's mailbox, not in the outbox.
      const text = hideEveryLinkToken(email.text);
      await prisma.emailMessage.update({ where: { id: email.id }, data: { status: 'SUCCEEDED', sentAt: new Date(), error: null, text } });
      sent += 1;
    } catch (error) {
      const failedForGood = email.attempts >= MAX_ATTEMPTS;
      await prisma.emailMessage.update({
        where: { id: email.id },
        data: {
          status: failedForGood ? 'FAILED' : 'PENDING',
          error: error instanceof Error ? error.message.slice(0, 500) : String(error),
          nextAttemptAt: new Date(Date.now() + retryDelayMinutes(email.attempts) * 60_000),
        },
      });
    }
  }
  return sent;
}

export interface EmailSender {
  /** Sends what is due; returns how many were sent. */
  run: () => Promise<number>;
  close: () => void;
}

/** The outbox's sender through SMTP_URL, DKIM-signing when a key is configured; none without it (emails then wait in the outbox). */
export function emailSender(
  prisma: PrismaClient,
  options: OutboundSettings & { smtpUrl?: string; dkim?: { domainName: string; keySelector: string; privateKey: string } },
): EmailSender | null {
  if (!options.smtpUrl) return null;
  const transport = nodemailer.createTransport(options.smtpUrl, options.dkim ? { dkim: options.dkim } : {});
  return {
    run: () => deliverPendingEmail(prisma, transport, options),
    close: () => transport.close(),
  };
}
