// Merging a duplicate report (the source) into the ticket that stays (the target): the source's
// conversation moves over with its times, so the two interleave; its tracking codes follow, so old
// links open the target; the source is closed and points at the target. One transaction, guarded
// against a concurrent change of either ticket, so a failure anywhere leaves both as they were.
import { TicketEventType, type Ticket as TicketRow } from '@studentdesk/db';
import { formatTicketNumber, TicketStatus } from '@studentdesk/domain';
import type { Context } from '../context.js';
import { badInput, ClientError, ErrorCode } from '../errors.js';
import { recordTicketChanges } from '../integrations/webhook-events.js';
import { fromGlobalId } from '../relay/global-id.js';
import type { MergeTicketsInput } from './ticket.inputs.js';
import { emailTicketsMerged } from './ticket.notifications.js';
import { afterChange, loadTicketAsStaff } from './ticket.service.js';

const sameStudent = (a: TicketRow, b: TicketRow) =>
  (a.requesterId !== null && a.requesterId === b.requesterId) || a.contactEmail.toLowerCase() === b.contactEmail.toLowerCase();

const changedMeanwhile = () =>
  new ClientError(ErrorCode.CONFLICT, 'One of the tickets changed while merging (closed or merged elsewhere). Reload and try again.');

/** The rules a merge must meet before anything is written; BAD_USER_INPUT naming the field otherwise. */
function refuseUnlessMergeable(source: TicketRow, target: TicketRow): void {
  const sourceNumber = formatTicketNumber(source.number);
  const targetNumber = formatTicketNumber(target.number);
  if (source.mergedIntoId) throw badInput(`${sourceNumber} was already merged into another ticket.`, 'sourceId');
  if (target.mergedIntoId) throw badInput(`${targetNumber} was merged into another ticket; merge into that one instead.`, 'targetId');
  if (target.status === TicketStatus.CLOSED)
    throw badInput(`${targetNumber} is closed. Reopen it first, or merge the other way round.`, 'targetId');
  // One conversation would show each student the other's words and details: a problem many
  // students share is an incident, which links their tickets and keeps each to its own reporter.
  if (!sameStudent(source, target)) {
    throw badInput(
      `${sourceNumber} and ${targetNumber} were reported by different people, who would read each other’s messages. Link both to an incident instead.`,
      'targetId',
    );
  }
}

export async function mergeTickets(ctx: Context, input: MergeTicketsInput): Promise<TicketRow> {
  if (fromGlobalId(input.sourceId, 'Ticket', 'sourceId') === fromGlobalId(input.targetId, 'Ticket', 'targetId')) {
    throw badInput('A ticket cannot be merged into itself. Choose the other report.', 'targetId');
  }
  // Both tickets change: the caller must work both (canWork, checked as each is loaded).
  const { actor, ticket: source } = await loadTicketAsStaff(ctx, input.sourceId, 'sourceId');
  const { ticket: target } = await loadTicketAsStaff(ctx, input.targetId, 'targetId');
  refuseUnlessMergeable(source, target);
  const note = input.note?.trim() || null;
  const now = ctx.app.clock.now();

  const [mergedSource, kept] = await ctx.prisma.$transaction(async (tx) => {
    // The target stays open to the merge only while nobody closes or merges it meanwhile.
    const { count: targetStill } = await tx.ticket.updateMany({
      where: { id: target.id, mergedIntoId: null, status: { not: TicketStatus.CLOSED } },
      data: { updatedAt: now },
    });
    if (targetStill === 0) throw changedMeanwhile();
    // Idempotency keys were unique per ticket; the source takes no more replies, so they can go.
    const { count: movedMessages } = await tx.message.updateMany({
      where: { ticketId: source.id },
      data: { ticketId: target.id, idempotencyKey: null },
    });
    await tx.trackingCode.updateMany({ where: { ticketId: source.id }, data: { ticketId: target.id } });
    // The source's followers follow the target (those following both already do).
    await tx.$executeRaw`
      INSERT INTO "TicketFollower" ("ticketId", "userId", "createdAt")
      SELECT ${target.id}::uuid, "userId", "createdAt" FROM "TicketFollower" WHERE "ticketId" = ${source.id}::uuid
      ON CONFLICT DO NOTHING`;
    await tx.ticketFollower.deleteMany({ where: { ticketId: source.id } });
    const sourceNumber = formatTicketNumber(source.number);
    const noteMessage = await tx.message.create({
      data: {
        ticketId: target.id,
        authorId: actor.id,
        internal: true,
        createdAt: now,
        body: [`${sourceNumber} (“${source.title}”) was merged into this ticket by ${actor.name}: its conversation is here now.`, note]
          .filter(Boolean)
          .join('\n\n'),
      },
    });
    // Last, so that a source merged elsewhere meanwhile undoes everything above.
    const { count: sourceStill } = await tx.ticket.updateMany({
      where: { id: source.id, status: source.status, mergedIntoId: null },
      data: { status: TicketStatus.CLOSED, closedAt: source.closedAt ?? now, slaPausedAt: null, mergedIntoId: target.id },
    });
    if (sourceStill === 0) throw changedMeanwhile();
    await tx.ticketEvent.createMany({
      data: [
        {
          ticketId: source.id,
          actorId: actor.id,
          type: TicketEventType.MERGED,
          fromStatus: source.status,
          toStatus: TicketStatus.CLOSED,
          detail: { intoTicketId: target.id, note },
          createdAt: now,
        },
        {
          ticketId: target.id,
          actorId: actor.id,
          type: TicketEventType.MERGED,
          // Not `messageId`: a conflict would quote it, and the note is internal.
          detail: { fromTicketId: source.id, movedMessages, noteId: noteMessage.id, note },
          createdAt: now,
        },
      ],
    });
    const closed = await tx.ticket.findUniqueOrThrow({ where: { id: source.id } });
    const stays = await tx.ticket.findUniqueOrThrow({ where: { id: target.id } });
    await recordTicketChanges(tx, source, closed);
    await emailTicketsMerged(tx, ctx.app.config.publicUrl, closed, stays);
    return [closed, stays] as const;
  });
  afterChange(ctx, mergedSource);
  return afterChange(ctx, kept);
}
