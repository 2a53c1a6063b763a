// Bulk changes from the console's queue: one assignee, status or priority for many tickets, in one
// transaction, through the very writes of the single-ticket mutations (ticket.service.ts), so the
// history, SLA clocks and webhooks are the same. The undo works once, for 10 seconds, by a token
// whose SHA-256 is stored with each ticket's values before and after (BulkUpdate), so any API
// process can honour it; it puts back only the tickets nobody changed since.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { TicketEventType, type Prisma, type Priority, type Ticket as TicketRow } from '@studentdesk/db';
import { canTransition, formatTicketNumber, TICKET_STATUS_LABELS, type TicketStatus } from '@studentdesk/domain';
import { requireStaff, type Viewer } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, forbidden, notFound } from '../errors.js';
import type { StaffNotice } from '../notifications/staff-notices.js';
import { announceStaffNotices } from '../realtime/pubsub.js';
import { fromGlobalId, toGlobalId } from '../relay/global-id.js';
import type { DueTimes } from '../sla/sla.due-times.js';
import { BULK_UPDATE_MAX, type BulkUpdateTicketsInput } from './ticket.inputs.js';
import * as ticketPolicy from './ticket.policy.js';
import {
  afterChange,
  assertPlainStatusChange,
  assignWithin,
  changePriorityWithin,
  changeStatusWithin,
  dueTimesAt,
  loadAssignee,
  writeStatuses,
} from './ticket.service.js';

type Tx = Prisma.TransactionClient;

export const UNDO_WINDOW_MS = 10_000;
const UNDO_TOKEN_PREFIX = 'sdu_';

/** What a bulk update changes and its undo puts back, as stored (dates as ISO strings). */
interface TicketValues {
  assigneeId: string | null;
  status: TicketStatus;
  priority: Priority;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
}

interface BulkTicket {
  id: string;
  before: TicketValues;
  after: TicketValues;
  historyLength: number;
}

const valuesOf = (ticket: TicketRow): TicketValues => ({
  assigneeId: ticket.assigneeId,
  status: ticket.status,
  priority: ticket.priority,
  firstResponseDueAt: ticket.firstResponseDueAt?.toISOString() ?? null,
  resolutionDueAt: ticket.resolutionDueAt?.toISOString() ?? null,
});

const hashUndoToken = (token: string) => createHash('sha256').update(token.trim()).digest('hex');

const numbers = (tickets: readonly TicketRow[]) => tickets.map((ticket) => formatTicketNumber(ticket.number)).join(', ');

/**
 * How many history entries each ticket has: one more than the bulk update left means someone
 * changed the ticket since. The SLA clock's own entries do not count: nobody acted.
 */
async function historyLengths(tx: Tx, ticketIds: string[]): Promise<Map<string, number>> {
  const rows = await tx.ticketEvent.groupBy({
    by: ['ticketId'],
    where: { ticketId: { in: ticketIds }, type: { not: TicketEventType.SLA_BREACHED } },
    _count: { _all: true },
  });
  return new Map(rows.map((row) => [row.ticketId, row._count._all]));
}

/** The tickets asked for, in the order asked, each one the caller works; nothing is written before this passes. */
async function loadWorkedTickets(ctx: Context, ticketGlobalIds: readonly string[]): Promise<TicketRow[]> {
  if (ticketGlobalIds.length === 0) throw badInput('Choose at least one ticket.', 'ticketIds');
  if (ticketGlobalIds.length > BULK_UPDATE_MAX) throw badInput(`Change at most ${BULK_UPDATE_MAX} tickets at once.`, 'ticketIds');
  const ids = [...new Set(ticketGlobalIds.map((id) => fromGlobalId(id, 'Ticket', 'ticketIds')))];
  const byId = new Map((await ctx.prisma.ticket.findMany({ where: { id: { in: ids } } })).map((ticket) => [ticket.id, ticket]));
  const missing = ids.length - byId.size;
  if (missing) throw notFound(`${missing} of these tickets no longer exist${missing === 1 ? 's' : ''}. Reload the queue and try again.`);
  const tickets = ids.map((id) => byId.get(id)!);
  const refused = tickets.filter((ticket) => !ticketPolicy.canWork(ctx.viewer, ticket).allowed).length;
  if (refused) throw forbidden(`${refused} of the ${tickets.length} tickets are not yours to work on, so none was changed.`);
  return tickets;
}

/** BAD_USER_INPUT naming the tickets that cannot take `status` (resolving and reopening need words of their own). */
function assertStatusFitsAll(tickets: readonly TicketRow[], status: TicketStatus): void {
  const moving = tickets.filter((ticket) => ticket.status !== status);
  const stuck = moving.filter((ticket) => !canTransition(ticket.status, status, 'staff'));
  if (stuck.length) {
    const label = TICKET_STATUS_LABELS.staff[status].toLowerCase();
    throw badInput(`${stuck.length} of the tickets cannot become ${label}: ${numbers(stuck)}. Leave them out and try again.`, 'status');
  }
  for (const ticket of moving) assertPlainStatusChange(ticket, status);
}

export async function bulkUpdateTickets(ctx: Context, input: BulkUpdateTicketsInput) {
  const actor = requireStaff(ctx.viewer);
  const { status, priority } = input;
  if (input.assigneeId && input.clearAssignee) throw badInput('Assign the tickets or unassign them, not both.', 'clearAssignee');
  if (!input.assigneeId && !input.clearAssignee && !status && !priority) {
    throw badInput('Choose what to change: the assignee, the status or the priority.', 'ticketIds');
  }
  const tickets = await loadWorkedTickets(ctx, input.ticketIds);
  if (status) assertStatusFitsAll(tickets, status);
  const assignee = input.assigneeId
    ? await loadAssignee(ctx, input.assigneeId, new Set(tickets.map((ticket) => ticket.departmentId)))
    : null;
  // undefined: the assignee stays as it is; null: nobody.
  const assigneeId = assignee ? assignee.id : input.clearAssignee ? null : undefined;
  const due = priority ? await dueTimesAt(ctx, tickets, priority) : new Map<string, DueTimes>();

  const now = ctx.app.clock.now();
  const undoToken = UNDO_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const undoExpiresAt = new Date(now.getTime() + UNDO_WINDOW_MS);
  const id = randomUUID();
  const detail = { bulkUpdateId: id };
  const notices: StaffNotice[] = [];
  const updated = await ctx.prisma.$transaction(async (tx) => {
    const current = new Map(tickets.map((ticket) => [ticket.id, ticket]));
    const apply = (changed: TicketRow[]) => changed.forEach((ticket) => current.set(ticket.id, ticket));
    const where = (differs: (ticket: TicketRow) => boolean) => [...current.values()].filter(differs);
    // Status first: a new ticket that is assigned and given a status takes that status, not OPEN.
    if (status)
      apply(
        await changeStatusWithin(
          tx,
          where((ticket) => ticket.status !== status),
          status,
          actor,
          now,
          detail,
        ),
      );
    if (assigneeId !== undefined) {
      apply(
        await assignWithin(
          tx,
          where((ticket) => ticket.assigneeId !== assigneeId),
          actor,
          assigneeId,
          now,
          { detail, notices },
        ),
      );
    }
    if (priority)
      apply(
        await changePriorityWithin(
          tx,
          where((ticket) => ticket.priority !== priority),
          priority,
          actor,
          due,
          { detail },
        ),
      );
    const changed = tickets.map((ticket) => current.get(ticket.id)!);
    const lengths = await historyLengths(
      tx,
      tickets.map((ticket) => ticket.id),
    );
    const stored: BulkTicket[] = tickets.map((before, index) => ({
      id: before.id,
      before: valuesOf(before),
      after: valuesOf(changed[index]!),
      historyLength: lengths.get(before.id) ?? 0,
    }));
    await tx.bulkUpdate.create({
      data: {
        id,
        actorId: actor.id,
        tokenHash: hashUndoToken(undoToken),
        tickets: stored as unknown as Prisma.InputJsonArray,
        createdAt: now,
        expiresAt: undoExpiresAt,
      },
    });
    return changed;
  });
  for (const ticket of updated) afterChange(ctx, ticket);
  announceStaffNotices(ctx.app.pubSub, notices);
  return { tickets: updated, undoToken, undoExpiresAt };
}

const tooLate = () => badInput('It is too late to undo: an undo works once, within 10 seconds of the change.', 'undoToken');

/** Why the undo leaves this ticket as it is, or null to put it back. */
function skipReason(viewer: Viewer, ticket: TicketRow, entry: BulkTicket, historyLength: number): string | null {
  if (!ticketPolicy.works(viewer, ticket)) return 'You no longer work this ticket.';
  const now = valuesOf(ticket);
  const unchanged = now.status === entry.after.status && now.assigneeId === entry.after.assigneeId && now.priority === entry.after.priority;
  if (!unchanged || historyLength !== entry.historyLength) return 'Someone changed this ticket after your bulk change.';
  return null;
}

export async function undoBulkUpdate(ctx: Context, undoToken: string) {
  const actor = requireStaff(ctx.viewer);
  const now = ctx.app.clock.now();
  const bulk = await ctx.prisma.bulkUpdate.findUnique({ where: { tokenHash: hashUndoToken(undoToken) } });
  // An unknown token is most likely one cleaned up long after it expired.
  if (!bulk) throw tooLate();
  if (bulk.actorId !== actor.id) throw forbidden('Only the person who made a bulk change can undo it.');
  if (bulk.undoneAt || bulk.expiresAt <= now) throw tooLate();
  const entries = bulk.tickets as unknown as BulkTicket[];
  const detail = { undoOf: bulk.id };

  const { restored, skipped } = await ctx.prisma.$transaction(async (tx) => {
    // Claimed first, so two undo requests racing cannot both restore.
    const { count } = await tx.bulkUpdate.updateMany({
      where: { id: bulk.id, undoneAt: null, expiresAt: { gt: now } },
      data: { undoneAt: now },
    });
    if (count === 0) throw tooLate();
    const ids = entries.map((entry) => entry.id);
    const tickets = new Map((await tx.ticket.findMany({ where: { id: { in: ids } } })).map((ticket) => [ticket.id, ticket]));
    const lengths = await historyLengths(tx, ids);
    const result = { restored: [] as TicketRow[], skipped: [] as Array<{ ticketId: string; number: string; reason: string }> };
    const restoring: Array<{ ticket: TicketRow; before: TicketValues }> = [];
    for (const entry of entries) {
      const ticket = tickets.get(entry.id);
      if (!ticket) continue; // Deleted since: nothing to put back.
      const reason = skipReason(ctx.viewer, ticket, entry, lengths.get(ticket.id) ?? 0);
      if (reason) result.skipped.push({ ticketId: toGlobalId('Ticket', ticket.id), number: formatTicketNumber(ticket.number), reason });
      else restoring.push({ ticket, before: entry.before });
    }
    const current = new Map(restoring.map(({ ticket }) => [ticket.id, ticket]));
    const apply = (changed: TicketRow[]) => changed.forEach((ticket) => current.set(ticket.id, ticket));
    /** The tickets whose `value` is not what it was before, grouped by the value they had. */
    const backTo = <Value>(value: (values: Pick<TicketRow, 'status' | 'assigneeId' | 'priority'>) => Value) => {
      const groups = new Map<Value, TicketRow[]>();
      for (const { ticket, before } of restoring) {
        const now = current.get(ticket.id)!;
        if (value(now) !== value(before)) groups.set(value(before), [...(groups.get(value(before)) ?? []), now]);
      }
      return groups;
    };
    // Back where they were, even where the status machine has no move (closed → resolved, open → new);
    // a bulk update never leaves CLOSED, so none of them goes back to closed.
    for (const [to, group] of backTo((values) => values.status)) {
      apply(await writeStatuses(tx, group, to, actor, now, { type: TicketEventType.STATUS_CHANGED, detail }, { closedAt: null }));
    }
    for (const [to, group] of backTo((values) => values.assigneeId)) {
      apply(await assignWithin(tx, group, actor, to, now, { pickUp: false, notify: false, detail }));
    }
    const dueBefore = new Map(
      restoring.map(({ ticket, before }) => [
        ticket.id,
        {
          firstResponseDueAt: before.firstResponseDueAt ? new Date(before.firstResponseDueAt) : null,
          resolutionDueAt: before.resolutionDueAt ? new Date(before.resolutionDueAt) : null,
        },
      ]),
    );
    for (const [to, group] of backTo((values) => values.priority)) {
      apply(await changePriorityWithin(tx, group, to, actor, dueBefore, { restore: true, detail }));
    }
    result.restored = restoring.map(({ ticket }) => current.get(ticket.id)!);
    return result;
  });
  for (const ticket of restored) afterChange(ctx, ticket);
  return { restored, skipped };
}
