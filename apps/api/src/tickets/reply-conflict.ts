// Two agents answering one student at once. A reply may say which activity its author had seen
// (`basedOn`: the ticket's lastActivityAt when they began writing); what others did after that
// (a reply, a note, a status, an assignment…) refuses the reply as a CONFLICT that lists it, so
// the author reads it and confirms by sending again based on the newer activity. The ticket's row
// is locked first, so of two replies based on the same activity one waits and then conflicts.
import { type Prisma, type Ticket as TicketRow, type TicketEvent as TicketEventRow, TicketEventType } from '@studentdesk/db';
import type { Viewer } from '../auth/viewer.js';
import { ClientError, ErrorCode } from '../errors.js';
import { seesInternal } from './ticket.policy.js';

type Tx = Prisma.TransactionClient;

/** What changes the answer an agent is writing; an SLA breach or a rating does not. */
const CONFLICTING_EVENTS: TicketEventType[] = [
  TicketEventType.REPLIED,
  TicketEventType.NOTE_ADDED,
  TicketEventType.STATUS_CHANGED,
  TicketEventType.ASSIGNED,
  TicketEventType.PRIORITY_CHANGED,
  TicketEventType.CATEGORY_CHANGED,
  TicketEventType.DEPARTMENT_CHANGED,
  TicketEventType.RESOLVED,
  TicketEventType.REOPENED,
  TicketEventType.INCIDENT_LINKED,
  TicketEventType.MERGED,
];
/** The changes a conflict lists at most; the message says how many there were. */
const LISTED_CHANGES = 10;
const EXCERPT_LENGTH = 280;

/** The message a REPLIED, NOTE_ADDED or RESOLVED event wrote, if it names one. */
function messageIdOf(event: TicketEventRow): string | null {
  const messageId = (event.detail as { messageId?: unknown } | null)?.messageId;
  return typeof messageId === 'string' ? messageId : null;
}

/** Event types the viewer may see on this ticket: internal notes only for its staff. */
export function visibleEventTypes(viewer: Viewer, ticket: TicketRow): TicketEventType[] {
  return seesInternal(viewer, ticket) ? CONFLICTING_EVENTS : CONFLICTING_EVENTS.filter((type) => type !== TicketEventType.NOTE_ADDED);
}

/** Throws CONFLICT when someone else changed the ticket after `basedOn`. Call inside the reply's transaction. */
export async function refuseIfChangedSince(tx: Tx, viewer: Viewer, ticket: TicketRow, basedOn: Date): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Ticket" WHERE "id" = ${ticket.id}::uuid FOR UPDATE`;
  const authorId = viewer.kind === 'user' ? viewer.user.id : null;
  const where: Prisma.TicketEventWhereInput = {
    ticketId: ticket.id,
    createdAt: { gt: basedOn },
    type: { in: visibleEventTypes(viewer, ticket) },
    ...(authorId ? { OR: [{ actorId: null }, { actorId: { not: authorId } }] } : {}),
  };
  const [count, events] = await Promise.all([
    tx.ticketEvent.count({ where }),
    tx.ticketEvent.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: LISTED_CHANGES }),
  ]);
  if (count === 0) return;

  const actorIds = [...new Set(events.flatMap((event) => (event.actorId ? [event.actorId] : [])))];
  const messageIds = events.flatMap((event) => messageIdOf(event) ?? []);
  const [actors, messages, latest] = await Promise.all([
    tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }),
    tx.message.findMany({ where: { id: { in: messageIds } }, select: { id: true, body: true } }),
    tx.ticketEvent.findFirst({
      where: { ticketId: ticket.id, type: { in: visibleEventTypes(viewer, ticket) } },
      orderBy: [{ createdAt: 'desc' }],
    }),
  ]);
  const nameOf = new Map(actors.map((actor) => [actor.id, actor.name]));
  const bodyOf = new Map(messages.map((message) => [message.id, message.body]));
  const changes = events.map((event) => {
    const messageId = messageIdOf(event);
    const body = messageId ? bodyOf.get(messageId) : undefined;
    return {
      type: event.type,
      actorName: event.actorId ? (nameOf.get(event.actorId) ?? null) : null,
      at: event.createdAt.toISOString(),
      toStatus: event.toStatus,
      excerpt: body === undefined ? null : body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH)}…` : body,
    };
  });
  throw new ClientError(
    ErrorCode.CONFLICT,
    `The ticket changed while you were writing (${count} ${count === 1 ? 'change' : 'changes'}). Read what changed, then send again to confirm.`,
    { http: { status: 409 }, changes, changeCount: count, lastActivityAt: (latest?.createdAt ?? basedOn).toISOString() },
  );
}
