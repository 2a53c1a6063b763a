// Related tickets (not merged: each keeps its own conversation and student). Staff link two tickets
// they may both read; the link is stored once (the lower id first) and each ticket's history says
// so. A reader sees a linked ticket only if they may read it too.
import { TicketEventType, type Prisma, type Ticket as TicketRow } from '@studentdesk/db';
import { formatTicketNumber } from '@studentdesk/domain';
import { enforce, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { fromGlobalId } from '../relay/global-id.js';
import * as ticketPolicy from './ticket.policy.js';
import { afterChange, loadTicket } from './ticket.service.js';

/** The pair as stored: the lower id first. */
const pair = (a: string, b: string) => (a < b ? { ticketId: a, relatedTicketId: b } : { ticketId: b, relatedTicketId: a });

/** Both tickets, each one the staff member may read; BAD_USER_INPUT for a ticket and itself. */
async function loadPair(ctx: Context, ticketGlobalId: string, relatedGlobalId: string) {
  const actor = requireStaff(ctx.viewer);
  const load = async (globalId: string, field: string) => {
    const { ticket } = await loadTicket(ctx, globalId, field);
    enforce(ticketPolicy.canLink(ctx.viewer, ticket));
    return ticket;
  };
  if (fromGlobalId(ticketGlobalId, 'Ticket', 'ticketId') === fromGlobalId(relatedGlobalId, 'Ticket', 'relatedTicketId')) {
    throw badInput('A ticket cannot be linked to itself. Choose another ticket.', 'relatedTicketId');
  }
  return { actor, ticket: await load(ticketGlobalId, 'ticketId'), related: await load(relatedGlobalId, 'relatedTicketId') };
}

const events = (type: TicketEventType, actorId: string, a: TicketRow, b: TicketRow): Prisma.TicketEventCreateManyInput[] => [
  { ticketId: a.id, actorId, type, detail: { otherTicketId: b.id } },
  { ticketId: b.id, actorId, type, detail: { otherTicketId: a.id } },
];

export async function linkTickets(ctx: Context, ticketGlobalId: string, relatedGlobalId: string): Promise<TicketRow> {
  const { actor, ticket, related } = await loadPair(ctx, ticketGlobalId, relatedGlobalId);
  const key = pair(ticket.id, related.id);
  if (await ctx.prisma.ticketLink.findUnique({ where: { ticketId_relatedTicketId: key } })) return ticket;
  for (const each of [ticket, related]) {
    const count = await ctx.prisma.ticketLink.count({ where: { OR: [{ ticketId: each.id }, { relatedTicketId: each.id }] } });
    if (count >= LIST_MAXIMUM.relatedTickets) {
      throw badInput(`${formatTicketNumber(each.number)} has ${count} related tickets already: unlink one first.`, 'relatedTicketId');
    }
  }
  await ctx.prisma.$transaction(async (tx) => {
    // skipDuplicates: two agents linking the same pair at once both succeed, once.
    const { count } = await tx.ticketLink.createMany({ data: [{ ...key, createdById: actor.id }], skipDuplicates: true });
    if (count) await tx.ticketEvent.createMany({ data: events(TicketEventType.LINKED, actor.id, ticket, related) });
  });
  ctx.loaders.eventsByTicket.clear(ticket.id);
  afterChange(ctx, related);
  return afterChange(ctx, ticket);
}

export async function unlinkTickets(ctx: Context, ticketGlobalId: string, relatedGlobalId: string): Promise<TicketRow> {
  const { actor, ticket, related } = await loadPair(ctx, ticketGlobalId, relatedGlobalId);
  const removed = await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.ticketLink.deleteMany({ where: pair(ticket.id, related.id) });
    if (count) await tx.ticketEvent.createMany({ data: events(TicketEventType.UNLINKED, actor.id, ticket, related) });
    return count;
  });
  if (!removed) throw notFound('These tickets are not linked.');
  ctx.loaders.eventsByTicket.clear(ticket.id);
  afterChange(ctx, related);
  return afterChange(ctx, ticket);
}

/** The tickets linked to this one that the viewer may read, newest link first. */
export async function relatedTickets(ctx: Context, ticket: TicketRow): Promise<TicketRow[]> {
  const ids = await ctx.loaders.relatedTicketIds.load(ticket.id);
  const rows = await ctx.loaders.ticket.loadMany(ids);
  return rows.filter(
    (row): row is TicketRow => row !== null && !(row instanceof Error) && ticketPolicy.canRead(ctx.viewer, row, ctx.trackingGrants).allowed,
  );
}
