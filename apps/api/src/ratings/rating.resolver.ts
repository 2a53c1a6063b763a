import type { Rating as RatingRow, Ticket as TicketRow } from '@studentdesk/db';
import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { enforce } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { Ticket } from '../tickets/ticket.type.js';
import * as ratingPolicy from './rating.policy.js';
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
    description: 'What the resolving staff member predicted the student would give. Staff working the ticket only.',
  })
  async predictedScore(@Root() rating: RatingRow, @Ctx() ctx: Context): Promise<number | null> {
    const ticket = await ctx.loaders.ticket.load(rating.ticketId);
    return ticket && ratingPolicy.seesPrediction(ctx.viewer, ticket) ? rating.predictedScore : null;
  }
}

@Resolver(() => Ticket)
export class TicketRatingResolver {
  @FieldResolver(() => Rating, { nullable: true, description: "The student's rating, once given." })
  rating(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<RatingRow | null> {
    enforce(ratingPolicy.canRead(ctx.viewer, ticket, ctx.trackingGrants));
    return ctx.loaders.ratingByTicket.load(ticket.id);
  }
}
