// Ratings: once per ticket, only when it is resolved, only by the person it was resolved for.
import { TicketEventType } from '@studentdesk/db';
import { enforce, viewerUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, isUniqueViolation } from '../errors.js';
import { recordRatingSubmitted } from '../integrations/webhook-events.js';
import { announceTicketChange } from '../realtime/pubsub.js';
import { grantTrackingCode, loadTicket } from '../tickets/ticket.service.js';
import { isResolved } from '../tickets/ticket.status.js';
import * as ratingPolicy from './rating.policy.js';
import type { RateTicketInput } from './rating.type.js';

const ALREADY_RATED = 'This ticket has already been rated. Thank you!';

export async function rateTicket(ctx: Context, input: RateTicketInput) {
  await grantTrackingCode(ctx, input.trackingCode);
  const { ticket } = await loadTicket(ctx, input.ticketId);
  enforce(ratingPolicy.canRate(ctx.viewer, ticket, ctx.trackingGrants));
  if (!isResolved(ticket.status)) throw badInput('A ticket can be rated once it is resolved.', 'ticketId');
  const rater = viewerUser(ctx.viewer);

  try {
    const rating = await ctx.prisma.$transaction(async (tx) => {
      const created = await tx.rating.create({
        data: {
          ticketId: ticket.id,
          score: input.score,
          comment: input.comment?.trim() || null,
          expectation: input.expectation,
          predictedScore: ticket.predictedScore,
          departmentId: ticket.departmentId,
          staffId: ticket.resolvedById,
          ratedById: rater?.id ?? null,
        },
      });
      await tx.ticketEvent.create({
        data: { ticketId: ticket.id, actorId: rater?.id ?? null, type: TicketEventType.RATED, detail: { score: input.score } },
      });
      await recordRatingSubmitted(tx, ticket, created);
      return created;
    });
    ctx.loaders.ratingByTicket.prime(ticket.id, rating);
    announceTicketChange(ctx.app.pubSub, ticket);
    return rating;
  } catch (error) {
    if (isUniqueViolation(error)) throw badInput(ALREADY_RATED, 'ticketId');
    throw error;
  }
}
