// The resolution clock stands still while a ticket waits on the student. Entering the wait records
// when it began (slaPausedAt); leaving it (the student answers, or staff resolve or reopen it)
// adds the SLA time that passed to slaPausedSeconds and moves resolutionDueAt out by the same.
// Both are written by the status change's own guarded UPDATE (only if the status is still what
// was read), so a replayed or concurrent change cannot count a wait twice.
import { addSlaMinutes, slaMinutesBetween, type Prisma, type Ticket as TicketRow } from '@studentdesk/db';
import { TicketStatus } from '@studentdesk/domain';
import { departmentCalendar } from './sla.calendar.js';

type Tx = Prisma.TransactionClient;

/** What a status change from `ticket.status` to `to` at `now` does to the SLA clock. */
export async function slaClockChange(
  tx: Tx,
  ticket: TicketRow,
  to: TicketStatus,
  now: Date,
): Promise<Prisma.TicketUncheckedUpdateManyInput> {
  const waiting = ticket.status === TicketStatus.WAITING_ON_STUDENT;
  const willWait = to === TicketStatus.WAITING_ON_STUDENT;
  if (!waiting && willWait) return { slaPausedAt: now };
  if (!waiting || willWait || !ticket.slaPausedAt) return {};
  const pausedAt = ticket.slaPausedAt;
  // A wait that began after the resolution was already due does not undo the miss.
  if (!ticket.resolutionDueAt || pausedAt >= ticket.resolutionDueAt) return { slaPausedAt: null };
  const [department, policy] = await Promise.all([
    tx.department.findUniqueOrThrow({ where: { id: ticket.departmentId } }),
    tx.slaPolicy.findUnique({ where: { departmentId_priority: { departmentId: ticket.departmentId, priority: ticket.priority } } }),
  ]);
  // A policy removed since the ticket was reported: its due time was counted in business hours by default.
  const businessHoursOnly = policy?.businessHoursOnly ?? true;
  const calendar = await departmentCalendar(tx, department, pausedAt);
  const pausedSeconds = Math.round(slaMinutesBetween(pausedAt, now, calendar, businessHoursOnly) * 60);
  return {
    slaPausedAt: null,
    slaPausedSeconds: ticket.slaPausedSeconds + pausedSeconds,
    resolutionDueAt: addSlaMinutes(ticket.resolutionDueAt, pausedSeconds / 60, calendar, businessHoursOnly),
  };
}
