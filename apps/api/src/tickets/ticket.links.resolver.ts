import type { Ticket as TicketRow } from '@studentdesk/db';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import * as links from './ticket.links.js';
import { Ticket } from './ticket.type.js';

@Resolver(() => Ticket)
export class TicketLinksResolver {
  @Mutation(() => Ticket, {
    description:
      'Staff: mark two tickets you may both read as related (not merged: each keeps its conversation), with a LINKED entry in both histories. Returns the first ticket.',
  })
  linkTickets(
    @Arg('ticketId', () => ID, { description: 'One ticket.' }) ticketId: string,
    @Arg('relatedTicketId', () => ID, { description: 'The ticket it relates to.' }) relatedTicketId: string,
    @Ctx() ctx: Context,
  ): Promise<TicketRow> {
    return links.linkTickets(ctx, ticketId, relatedTicketId);
  }

  @Mutation(() => Ticket, { description: 'Staff: remove the link between two related tickets (UNLINKED in both histories).' })
  unlinkTickets(
    @Arg('ticketId', () => ID, { description: 'One ticket.' }) ticketId: string,
    @Arg('relatedTicketId', () => ID, { description: 'The ticket it was linked to.' }) relatedTicketId: string,
    @Ctx() ctx: Context,
  ): Promise<TicketRow> {
    return links.unlinkTickets(ctx, ticketId, relatedTicketId);
  }

  @FieldResolver(() => [Ticket], { description: 'Tickets marked as related to this one, those you may read only; newest link first.' })
  @MaxItems(LIST_MAXIMUM.relatedTickets)
  relatedTickets(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<TicketRow[]> {
    return links.relatedTickets(ctx, ticket);
  }
}
