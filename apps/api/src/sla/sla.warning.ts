// "About to breach": an hour before a ticket's due time, its assignee is notified
// (SLA_ABOUT_TO_BREACH), once per ticket and target. Runs in the SLA escalation sweep
// (background-work.ts); the claim is an INSERT into SlaWarning that skips rows already there, so
// several API processes sweeping at once warn each due time exactly once.
import type { PrismaClient } from '@studentdesk/db';
import { UNRESOLVED_STATUSES } from '@studentdesk/domain';
import { type StaffNotice, writeStaffNotices } from '../notifications/staff-notices.js';
import type { SlaTarget } from './sla.escalation.js';

/** How long before a due time its assignee hears that it is close. */
export const SLA_WARNING_MINUTES = 60;
const WARNINGS_PER_SWEEP = 100;

/**
 * Warns the assignees of tickets due within the hour and not yet warned for that target. A paused
 * resolution clock (waiting on the student) is not about to breach. Returns the notifications to
 * announce once committed.
 */
export async function warnSlaAboutToBreach(prisma: PrismaClient, now: Date): Promise<StaffNotice[]> {
  const horizon = new Date(now.getTime() + SLA_WARNING_MINUTES * 60_000);
  const unresolved = [...UNRESOLVED_STATUSES];
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<Array<{ ticketId: string; target: SlaTarget; dueAt: Date; assigneeId: string }>>`
      WITH due AS (
        SELECT t."id" AS "ticketId", 'FIRST_RESPONSE' AS "target", t."firstResponseDueAt" AS "dueAt", t."assigneeId"
        FROM "Ticket" t
        WHERE t."status" = ANY(${unresolved}::"TicketStatus"[]) AND t."assigneeId" IS NOT NULL
          AND t."firstRespondedAt" IS NULL AND t."firstResponseDueAt" > ${now} AND t."firstResponseDueAt" <= ${horizon}
          AND NOT EXISTS (SELECT 1 FROM "SlaWarning" w WHERE w."ticketId" = t."id" AND w."target" = 'FIRST_RESPONSE')
        UNION ALL
        SELECT t."id", 'RESOLUTION', t."resolutionDueAt", t."assigneeId"
        FROM "Ticket" t
        WHERE t."status" = ANY(${unresolved}::"TicketStatus"[]) AND t."assigneeId" IS NOT NULL
          AND t."resolvedAt" IS NULL AND t."slaPausedAt" IS NULL
          AND t."resolutionDueAt" > ${now} AND t."resolutionDueAt" <= ${horizon}
          AND NOT EXISTS (SELECT 1 FROM "SlaWarning" w WHERE w."ticketId" = t."id" AND w."target" = 'RESOLUTION')
        LIMIT ${WARNINGS_PER_SWEEP}
      ), warned AS (
        INSERT INTO "SlaWarning" ("ticketId", "target", "dueAt", "createdAt")
        SELECT "ticketId", "target", "dueAt", ${now} FROM due
        ON CONFLICT DO NOTHING
        RETURNING "ticketId", "target"
      )
      SELECT due.* FROM due JOIN warned USING ("ticketId", "target")
      JOIN "User" u ON u."id" = due."assigneeId" AND u."deactivatedAt" IS NULL`;
    // The assignee works the ticket by definition (tickets/ticket.policy.ts), so sees it.
    return writeStaffNotices(
      tx,
      now,
      claimed.map((warning) => ({
        kind: 'SLA_ABOUT_TO_BREACH' as const,
        recipientId: warning.assigneeId,
        ticketId: warning.ticketId,
        actorId: null,
        slaTarget: warning.target,
        dueAt: warning.dueAt,
      })),
    );
  });
}
