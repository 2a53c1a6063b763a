// When someone leaves the desk, the tickets they were working on must not sit with nobody looking:
// their open tickets go to a colleague, or back to the department's unassigned queue. One ASSIGNED
// event per ticket keeps the history (who had it, who has it, why), and webhooks hear of each.
import { TicketEventType, type Prisma, type Ticket as TicketRow, type User as UserRow } from '@studentdesk/db';
import { UNRESOLVED_STATUSES } from '@studentdesk/domain';
import { recordTicketChanges } from '../integrations/webhook-events.js';

/** Moves the open tickets assigned to `from` to `to` (or to nobody), inside the caller's transaction; returns them as they now are. */
export async function reassignOpenTickets(
  tx: Prisma.TransactionClient,
  from: Pick<UserRow, 'id'>,
  to: Pick<UserRow, 'id'> | null,
  /** Null when no person acted (the identity provider deprovisioning someone). */
  actor: Pick<UserRow, 'id'> | null,
  reason: string,
): Promise<TicketRow[]> {
  const tickets = await tx.ticket.findMany({ where: { assigneeId: from.id, status: { in: [...UNRESOLVED_STATUSES] } } });
  const moved: TicketRow[] = [];
  for (const ticket of tickets) {
    const updated = await tx.ticket.update({ where: { id: ticket.id }, data: { assigneeId: to?.id ?? null } });
    await tx.ticketEvent.create({
      data: {
        ticketId: ticket.id,
        actorId: actor?.id ?? null,
        type: TicketEventType.ASSIGNED,
        detail: { fromAssigneeId: from.id, toAssigneeId: to?.id ?? null, reason },
      },
    });
    await recordTicketChanges(tx, ticket, updated);
    moved.push(updated);
  }
  return moved;
}
