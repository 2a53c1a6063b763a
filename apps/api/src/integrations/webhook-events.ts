// What webhooks announce, and the JSON each event carries: the object as it was when the change
// committed, with the same global IDs and ticket numbers the GraphQL API shows.
import type { Message as MessageRow, Prisma, Rating as RatingRow, Ticket as TicketRow } from '@studentdesk/db';
import { formatTicketNumber } from '@studentdesk/domain';
import { toGlobalId } from '../relay/global-id.js';

export const WEBHOOK_EVENT_TYPES = [
  'ticket.created',
  'ticket.status_changed',
  'ticket.assigned',
  'message.created',
  'rating.submitted',
  'automation.fired',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

type Tx = Prisma.TransactionClient;

const globalIdOrNull = (type: 'User', id: string | null) => (id ? toGlobalId(type, id) : null);

export function ticketSnapshot(ticket: TicketRow) {
  return {
    id: toGlobalId('Ticket', ticket.id),
    number: formatTicketNumber(ticket.number),
    title: ticket.title,
    status: ticket.status,
    priority: ticket.priority,
    channel: ticket.channel,
    categoryId: toGlobalId('Category', ticket.categoryId),
    departmentId: toGlobalId('Department', ticket.departmentId),
    requesterId: globalIdOrNull('User', ticket.requesterId),
    assigneeId: globalIdOrNull('User', ticket.assigneeId),
    contactName: ticket.contactName,
    contactEmail: ticket.contactEmail,
    studentNumber: ticket.studentNumber,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    firstResponseDueAt: ticket.firstResponseDueAt?.toISOString() ?? null,
    resolutionDueAt: ticket.resolutionDueAt?.toISOString() ?? null,
    resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
  };
}

/**
 * Writes the event inside the caller's transaction (the outbox): it exists if and only if the
 * change committed, and is delivered afterwards by integrations/webhook-delivery.ts.
 */
export async function recordEvent(tx: Tx, type: WebhookEventType, data: Prisma.InputJsonObject): Promise<void> {
  await tx.outboxEvent.create({ data: { type, payload: data } });
}

/** status_changed and assigned, for whatever differs between the ticket before and after a change. */
export async function recordTicketChanges(tx: Tx, before: TicketRow, after: TicketRow): Promise<void> {
  await recordManyTicketChanges(tx, [[before, after]]);
}

/** The same for many tickets changed in one transaction (a bulk update), in one statement. */
export async function recordManyTicketChanges(
  tx: Tx,
  changes: ReadonlyArray<readonly [before: TicketRow, after: TicketRow]>,
): Promise<void> {
  const events: Array<{ type: WebhookEventType; payload: Prisma.InputJsonObject }> = [];
  for (const [before, after] of changes) {
    if (before.status !== after.status) {
      events.push({ type: 'ticket.status_changed', payload: { ticket: ticketSnapshot(after), previousStatus: before.status } });
    }
    if (before.assigneeId !== after.assigneeId) {
      events.push({
        type: 'ticket.assigned',
        payload: { ticket: ticketSnapshot(after), previousAssigneeId: globalIdOrNull('User', before.assigneeId) },
      });
    }
  }
  if (events.length) await tx.outboxEvent.createMany({ data: events });
}

/** message.created, for public messages only: internal notes never leave the desk. */
export async function recordMessageCreated(tx: Tx, ticket: TicketRow, message: MessageRow): Promise<void> {
  if (message.internal) return;
  await recordEvent(tx, 'message.created', {
    message: {
      id: toGlobalId('Message', message.id),
      body: message.body,
      authorId: globalIdOrNull('User', message.authorId),
      createdAt: message.createdAt.toISOString(),
    },
    ticket: ticketSnapshot(ticket),
  });
}

export async function recordRatingSubmitted(tx: Tx, ticket: TicketRow, rating: RatingRow): Promise<void> {
  await recordEvent(tx, 'rating.submitted', {
    rating: {
      id: toGlobalId('Rating', rating.id),
      score: rating.score,
      comment: rating.comment,
      expectation: rating.expectation,
      createdAt: rating.createdAt.toISOString(),
    },
    ticket: ticketSnapshot(ticket),
  });
}
