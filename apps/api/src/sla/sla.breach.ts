// When is a ticket's SLA breached? When a due time passed unmet: no first answer by its due time
// (or a late one), or no resolution by its due time (or a late one). While the ticket waits on the
// student its resolution clock stands still at slaPausedAt, so only a miss before the wait counts.
// The rule exists twice, side by side: for one ticket, and as SQL for filtering lists;
// sla.breach.test.ts proves they agree.
import { Prisma, type Ticket as TicketRow } from '@studentdesk/db';

type SlaClock = Pick<TicketRow, 'firstResponseDueAt' | 'firstRespondedAt' | 'resolutionDueAt' | 'resolvedAt' | 'slaPausedAt'>;

function missed(due: Date | null, met: Date | null, now: Date): boolean {
  if (!due) return false;
  return met ? met > due : now > due;
}

export function isSlaBreached(ticket: SlaClock, now: Date): boolean {
  return (
    missed(ticket.firstResponseDueAt, ticket.firstRespondedAt, now) ||
    missed(ticket.resolutionDueAt, ticket.resolvedAt, ticket.slaPausedAt && ticket.slaPausedAt < now ? ticket.slaPausedAt : now)
  );
}

/** The same rule on "Ticket" t, as a predicate that is never NULL. */
export function slaBreachedSql(now: Date): Prisma.Sql {
  return Prisma.sql`COALESCE(
    (t."firstResponseDueAt" < COALESCE(t."firstRespondedAt", ${now}::timestamptz))
    OR (t."resolutionDueAt" < COALESCE(t."resolvedAt", LEAST(t."slaPausedAt", ${now}::timestamptz))),
    FALSE)`;
}
