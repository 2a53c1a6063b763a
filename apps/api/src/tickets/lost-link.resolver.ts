import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { requestTicketLink } from './lost-link.js';

@Resolver()
export class LostLinkResolver {
  @Mutation(() => Boolean, {
    description:
      'Lost the tracking link: emails a fresh one for the ticket with this number to this address, when it is the address the ticket was reported with (links sent before keep working). Always answers true and never shows the ticket, so it does not tell which tickets or addresses exist; capped per caller address (RATE_LIMITED) and per recipient (no email). Public.',
  })
  requestTicketLink(
    @Arg('email', () => String, { description: 'The email address the ticket was reported with.' }) email: string,
    @Arg('ticketNumber', () => String, { description: 'The ticket’s number as the student saw it: SD-123 (or 123).' }) ticketNumber: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return requestTicketLink(ctx, email, ticketNumber);
  }
}
