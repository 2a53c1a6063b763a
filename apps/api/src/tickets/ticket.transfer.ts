// Transferring a ticket to another department: its category becomes one of the receiving
// department's (a ticket's category always belongs to its department), the receiving team gets an
// internal note saying why, and an assignee who does not work there lets go of it. The due times
// promised to the student stay, as when departments merge. One transaction, with its history.
import { TicketEventType, type Ticket as TicketRow } from '@studentdesk/db';
import { actsIn } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, ClientError, ErrorCode } from '../errors.js';
import { recordTicketChanges } from '../integrations/webhook-events.js';
import { fromGlobalId } from '../relay/global-id.js';
import { TicketStatus } from '@studentdesk/domain';
import { addMessage, afterChange, assignWithin, loadTicketAsStaff } from './ticket.service.js';
import type { TransferTicketInput } from './ticket.transfer.type.js';

export async function transferTicket(ctx: Context, input: TransferTicketInput): Promise<TicketRow> {
  const { actor, ticket } = await loadTicketAsStaff(ctx, input.ticketId);
  const note = input.note.trim();
  if (!note) throw badInput('Tell the receiving team why the ticket comes to them.', 'note');
  if (ticket.status === TicketStatus.CLOSED) throw badInput('This ticket is closed. Reopen it before moving it.', 'ticketId');
  const categoryId = fromGlobalId(input.categoryId, 'Category', 'categoryId');
  const category = await ctx.loaders.category.load(categoryId);
  const department = category ? await ctx.loaders.department.load(category.departmentId) : null;
  if (!category?.active || !department || department.archivedAt) throw badInput('Choose one of the listed categories.', 'categoryId');
  if (department.id === ticket.departmentId) {
    throw badInput('This category is in the ticket’s own department: choose one of another department.', 'categoryId');
  }
  const from = (await ctx.loaders.department.load(ticket.departmentId))!;
  // The assignee keeps the ticket only if they work in the receiving department too.
  const assignee = ticket.assigneeId ? await ctx.loaders.user.load(ticket.assigneeId) : null;
  const keepsAssignee =
    assignee !== null && actsIn({ ...assignee, memberships: await ctx.loaders.memberships.load(assignee.id) }, department.id);
  const now = ctx.app.clock.now();

  const updated = await ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.ticket.updateMany({
      where: { id: ticket.id, departmentId: ticket.departmentId, status: { not: TicketStatus.CLOSED } },
      data: { departmentId: department.id, categoryId: category.id, updatedAt: now },
    });
    if (count === 0)
      throw new ClientError(ErrorCode.CONFLICT, 'Someone moved or closed this ticket at the same moment. Reload and try again.');
    await tx.rating.updateMany({ where: { ticketId: ticket.id }, data: { departmentId: department.id } });
    let moved = await tx.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    const message = await addMessage(
      tx,
      moved,
      actor,
      'staff',
      `Transferred from ${from.name} to ${department.name} by ${actor.name}:\n\n${note}`,
      true,
      ctx.app.config.publicUrl,
      now,
    );
    await tx.ticketEvent.create({
      data: {
        ticketId: ticket.id,
        actorId: actor.id,
        type: TicketEventType.DEPARTMENT_CHANGED,
        // Not `messageId`: a conflict would quote it to whoever may not read internal notes.
        detail: {
          fromDepartmentId: ticket.departmentId,
          toDepartmentId: department.id,
          fromCategoryId: ticket.categoryId,
          toCategoryId: category.id,
          noteId: message.id,
        },
      },
    });
    if (ticket.assigneeId && !keepsAssignee) moved = (await assignWithin(tx, [moved], actor, null, now, { pickUp: false }))[0]!;
    else moved = await tx.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    await recordTicketChanges(tx, ticket, moved);
    return moved;
  });
  ctx.loaders.eventsByTicket.clear(ticket.id);
  return afterChange(ctx, updated);
}
