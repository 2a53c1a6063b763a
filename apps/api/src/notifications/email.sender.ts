// Delivers the outbox. With SMTP_URL set, PENDING emails go out through nodemailer; without it
// they stay in the outbox, where admins read them (emailOutbox). The job system runs it one at a
// time (jobs/background-work.ts); the claim, which pushes nextAttemptAt forward before sending, still
// keeps an email from going twice when a run that was taken for lost is retried beside it.
import type { EmailMessage as EmailRow, PrismaClient } from '@studentdesk/db';
import nodemailer from 'nodemailer';
import { hideEveryLinkToken } from '../auth/link-tokens.js';

const BATCH = 20;
/** A claim lasts this long: a process that dies mid-send leaves the email for another to retry. */
const CLAIM_SECONDS = 300;
export const MAX_ATTEMPTS = 6;

/** Minutes to wait after the nth failed attempt: 1, 4, 16, 64, … */
export function retryDelayMinutes(attempts: number): number {
  return 4 ** Math.max(0, attempts - 1);
}

export interface MailTransport {
  sendMail: (message: { from: string; to: string; subject: string; text: string }) => Promise<unknown>;
}

/** Sends what is due now; returns how many were sent. */
export async function deliverPendingEmail(prisma: PrismaClient, transport: MailTransport, from: string, now = new Date()): Promise<number> {
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
      await transport.sendMail({ from, to: email.toAddress, subject: email.subject, text: email.text });
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

/** The outbox's sender through SMTP_URL; none without it (emails then wait in the outbox). */
export function emailSender(prisma: PrismaClient, options: { smtpUrl?: string; emailFrom: string }): EmailSender | null {
  if (!options.smtpUrl) return null;
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    run: () => deliverPendingEmail(prisma, transport, options.emailFrom),
    close: () => transport.close(),
  };
}
