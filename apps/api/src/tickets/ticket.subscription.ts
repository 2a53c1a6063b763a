// ticketUpdated: the same permission rules as reading the ticket, checked when subscribing and
// again for every event (an assignment may have moved the ticket out of a staff member's reach).
import type { Ticket as TicketRow } from '@studentdesk/db';
import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { createLoaders, type Context } from '../context.js';
import { notFound, subscriptionOverHttp } from '../errors.js';
import { TICKET_UPDATED, type TicketUpdate } from '../realtime/pubsub.js';
import { enforce } from '../auth/viewer.js';
import * as ticketPolicy from './ticket.policy.js';
import { grantTrackingCode, loadTicket } from './ticket.service.js';
import { Ticket } from './ticket.type.js';

interface TicketUpdatedArgs {
  ticketId: string;
  trackingCode?: string | null;
}

async function subscribeToTicket({ args, context }: SubscribeResolverData<unknown, TicketUpdatedArgs, Context>) {
  await grantTrackingCode(context, args.trackingCode);
  const { ticket } = await loadTicket(context, args.ticketId);
  return context.app.pubSub.subscribe(TICKET_UPDATED, ticket.id);
}

@Resolver()
export class TicketSubscriptionResolver {
  @Subscription(() => Ticket, {
    description: 'Changes to one ticket: status, assignment, new public messages (and notes, for staff).',
    subscribe: subscribeToTicket,
  })
  async ticketUpdated(
    @Root() update: TicketUpdate,
    @Arg('ticketId', () => ID, { description: 'The ticket to follow.' }) _ticketId: string,
    @Ctx() ctx: Context,
    @Arg('trackingCode', () => String, { nullable: true, description: 'Lets a reporter who did not sign in follow it.' })
    _trackingCode?: string | null,
  ): Promise<TicketRow> {
    if (!update) throw subscriptionOverHttp();
    // Each event is read fresh: the connection's context lives as long as the subscription.
    ctx.loaders = createLoaders(ctx.prisma);
    const ticket = await ctx.loaders.ticket.load(update.ticketId);
    if (!ticket) throw notFound('This ticket no longer exists.');
    enforce(ticketPolicy.canRead(ctx.viewer, ticket, ctx.trackingGrants));
    return ticket;
  }
}
