// Breach escalation: when a ticket misses a due time, the department's managers and the assignee
// hear about it once, and its history says so. A ticket waiting on the student misses no
// resolution while it waits (its clock stands still at slaPausedAt; see sla.pause.ts). Runs as timed work in every API process; the claim
// is one UPDATE on rows locked FOR UPDATE SKIP LOCKED, so each breach is escalated exactly once
// however many processes sweep at the same moment.
import type { PrismaClient, Ticket as TicketRow } from '@studentdesk/db';
import { TicketEventType } from '@studentdesk/db';
import { isResolved, UNRESOLVED_STATUSES } from '@studentdesk/domain';
import { slaEscalationEmail } from '../notifications/email.templates.js';

export type SlaTarget = 'FIRST_RESPONSE' | 'RESOLUTION';

const ESCALATIONS_PER_SWEEP = 100;

type SlaClock = Pick<TicketRow, 'status' | 'firstResponseDueAt' | 'firstRespondedAt' | 'resolutionDueAt' | 'resolvedAt' | 'slaPausedAt'>;

/**
 * The due times a ticket has missed since it was last escalated (at `escalatedAt`), earliest first.
 * Each missed due time is one breach; a ticket escalated for its first answer is escalated again
 * when it also misses its resolution.
 */
export function breachesToEscalate(ticket: SlaClock, escalatedAt: Date | null, now: Date): Array<{ target: SlaTarget; dueAt: Date }> {
  if (isResolved(ticket.status)) return [];
  const missed = (target: SlaTarget, due: Date | null, met: Date | null, stoppedAt: Date) =>
    due && !met && due < stoppedAt && (!escalatedAt || escalatedAt < due) ? [{ target, dueAt: due }] : [];
  const resolutionClock = ticket.slaPausedAt && ticket.slaPausedAt < now ? ticket.slaPausedAt : now;
  return [
    ...missed('FIRST_RESPONSE', ticket.firstResponseDueAt, ticket.firstRespondedAt, now),
    ...missed('RESOLUTION', ticket.resolutionDueAt, ticket.resolvedAt, resolutionClock),
  ];
}

type ClaimedTicket = TicketRow & { previousEscalatedAt: Date | null };

/** Escalates what is due at `now` and returns the tickets escalated (to announce once committed). */
export async function escalateSlaBreaches(prisma: PrismaClient, publicUrl: string, now: Date): Promise<TicketRow[]> {
  return prisma.$transaction(async (tx) => {
    // The same rule as breachesToEscalate, in SQL; sla.escalation.test.ts proves they agree.
    const claimed = await tx.$queryRaw<ClaimedTicket[]>`
      WITH due AS (
        SELECT t."id", t."escalatedAt" AS "previousEscalatedAt" FROM "Ticket" t
        WHERE t."status" = ANY(${[...UNRESOLVED_STATUSES]}::"TicketStatus"[])
          AND (
            (t."firstRespondedAt" IS NULL AND t."firstResponseDueAt" < ${now}
              AND (t."escalatedAt" IS NULL OR t."escalatedAt" < t."firstResponseDueAt"))
            OR (t."resolvedAt" IS NULL AND t."resolutionDueAt" < LEAST(t."slaPausedAt", ${now})
              AND (t."escalatedAt" IS NULL OR t."escalatedAt" < t."resolutionDueAt"))
          )
        ORDER BY t."firstResponseDueAt"
        LIMIT ${ESCALATIONS_PER_SWEEP}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE "Ticket" t SET "escalatedAt" = ${now} FROM due WHERE t."id" = due."id"
      RETURNING t.*, due."previousEscalatedAt"`;
    if (claimed.length === 0) return [];

    const departmentIds = [...new Set(claimed.map((ticket) => ticket.departmentId))];
    const assigneeIds = claimed.flatMap((ticket) => (ticket.assigneeId ? [ticket.assigneeId] : []));
    const [departments, managers, assignees] = await Promise.all([
      tx.department.findMany({ where: { id: { in: departmentIds } }, select: { id: true, name: true, timeZone: true } }),
      tx.departmentMembership.findMany({
        where: { role: 'MANAGER', departmentId: { in: departmentIds }, user: { deactivatedAt: null } },
        select: { departmentId: true, user: { select: { email: true } } },
      }),
      tx.user.findMany({ where: { id: { in: assigneeIds }, deactivatedAt: null }, select: { id: true, email: true, name: true } }),
    ]);

    for (const ticket of claimed) {
      const { previousEscalatedAt, ...row } = ticket;
      const breaches = breachesToEscalate(row, previousEscalatedAt, now);
      const department = departments.find((candidate) => candidate.id === ticket.departmentId)!;
      const assignee = assignees.find((user) => user.id === ticket.assigneeId);
      const recipients = new Set([
        ...managers.filter((manager) => manager.departmentId === ticket.departmentId).map((manager) => manager.user.email),
        ...(assignee ? [assignee.email] : []),
      ]);
      await tx.ticketEvent.createMany({
        data: breaches.map((breach) => ({
          ticketId: ticket.id,
          type: TicketEventType.SLA_BREACHED,
          detail: { target: breach.target, dueAt: breach.dueAt.toISOString() },
        })),
      });
      const email = slaEscalationEmail(publicUrl, row, breaches, department, assignee?.name ?? null);
      await tx.emailMessage.createMany({
        data: [...recipients].map((toAddress) => ({
          kind: email.kind,
          toAddress,
          subject: email.subject,
          text: email.text,
          ticketId: ticket.id,
        })),
      });
    }
    return claimed;
  });
}
