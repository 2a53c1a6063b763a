// Staff notification emails, as digests: a notification to be emailed waits EMAIL_DIGEST_MINUTES
// (notifications/staff-notices.ts); when a person's oldest waiting one is due, everything waiting
// for them leaves as one email in the outbox. The claim is one UPDATE of the waiting rows, so two
// processes sweeping at once never email a notification twice.
import type { PrismaClient, StaffNotificationKind } from '@studentdesk/db';
import { MEMBERSHIP_ORDER } from '../auth/viewer.js';
import { staffNotificationsEmail } from '../notifications/email.templates.js';
import { isUndeliverable } from '../notifications/undeliverable.js';
import * as ticketPolicy from '../tickets/ticket.policy.js';

const RECIPIENTS_PER_SWEEP = 100;

interface Claimed {
  id: string;
  recipientId: string;
  kind: StaffNotificationKind;
  ticketId: string;
  actorId: string | null;
  slaTarget: string | null;
  dueAt: Date | null;
  createdAt: Date;
}

/** Writes the digests due at `now` to the outbox; returns how many emails were written. */
export async function emailStaffDigests(prisma: PrismaClient, publicUrl: string, now: Date): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<Claimed[]>`
      UPDATE "StaffNotification" n SET "emailDueAt" = NULL, "emailedAt" = ${now}
      WHERE n."emailDueAt" IS NOT NULL AND n."recipientId" IN (
        SELECT DISTINCT "recipientId" FROM "StaffNotification" WHERE "emailDueAt" <= ${now} LIMIT ${RECIPIENTS_PER_SWEEP}
      )
      RETURNING n."id", n."recipientId", n."kind", n."ticketId", n."actorId", n."slaTarget", n."dueAt", n."createdAt"`;
    if (!claimed.length) return 0;
    const [recipients, tickets, actors] = await Promise.all([
      tx.user.findMany({
        where: { id: { in: [...new Set(claimed.map((row) => row.recipientId))] }, deactivatedAt: null },
        include: { memberships: { orderBy: MEMBERSHIP_ORDER } },
      }),
      tx.ticket.findMany({ where: { id: { in: [...new Set(claimed.map((row) => row.ticketId))] } } }),
      tx.user.findMany({
        where: { id: { in: [...new Set(claimed.flatMap((row) => (row.actorId ? [row.actorId] : [])))] } },
        select: { id: true, name: true },
      }),
    ]);
    let written = 0;
    for (const recipient of recipients) {
      if (isUndeliverable(recipient.email)) continue;
      // Read when the digest leaves: a ticket they can no longer see (moved, unassigned) is left out.
      const notices = claimed
        .filter((row) => row.recipientId === recipient.id)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .flatMap((row) => {
          const ticket = tickets.find((candidate) => candidate.id === row.ticketId);
          if (!ticket || !ticketPolicy.works({ kind: 'user', user: recipient }, ticket)) return [];
          const actorName = actors.find((actor) => actor.id === row.actorId)?.name ?? null;
          return [{ kind: row.kind, ticket, actorName, slaTarget: row.slaTarget, dueAt: row.dueAt }];
        });
      if (!notices.length) continue;
      const email = staffNotificationsEmail(publicUrl, recipient.name, notices);
      await tx.emailMessage.create({
        data: {
          kind: email.kind,
          toAddress: recipient.email,
          subject: email.subject,
          text: email.text,
          ticketId: notices.length === 1 ? notices[0]!.ticket.id : null,
        },
      });
      written += 1;
    }
    return written;
  });
}
