import type { Rating as RatingRow, Ticket as TicketRow } from '@studentdesk/db';
import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { isStaffRole, requireKeyScope } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { Ticket } from '../tickets/ticket.type.js';
import { rateTicket } from './rating.service.js';
import { RateTicketInput, Rating } from './rating.type.js';

@Resolver(() => Rating)
export class RatingResolver {
  @Mutation(() => Rating, { description: 'Rate a resolved ticket, once: the requester, or the holder of its tracking code.' })
  rateTicket(
    @Arg('input', () => RateTicketInput, { description: 'The ticket, the score and whether it met expectations.' }) input: RateTicketInput,
    @Ctx() ctx: Context,
  ): Promise<RatingRow> {
    return rateTicket(ctx, input);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'What the resolving staff member predicted the student would give. Staff only.',
  })
  predictedScore(@Root() rating: RatingRow, @Ctx() ctx: Context): number | null {
    return ctx.viewer.kind === 'user' && isStaffRole(ctx.viewer.user.role) ? rating.predictedScore : null;
  }
}

@Resolver(() => Ticket)
export class TicketRatingResolver {
  @FieldResolver(() => Rating, { nullable: true, description: "The student's rating, once given." })
  rating(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<RatingRow | null> {
    requireKeyScope(ctx.viewer, 'ratings:read');
    return ctx.loaders.ratingByTicket.load(ticket.id);
  }
}
