// Presence on a ticket, for collision safety: staff working a ticket announce that they view it or
// type on it, and hear their colleagues' announcements (never their own). Both doors ask the
// ticket policy as working the ticket does (loadTicketAsStaff).
import { filter, pipe } from '@graphql-yoga/subscription';
import { Arg, Ctx, ID, Mutation, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { createLoaders, type Context } from '../context.js';
import { notFound, subscriptionOverHttp } from '../errors.js';
import { TICKET_PRESENCE, type PresenceAnnouncement } from '../realtime/pubsub.js';
import { PRESENCE_TIMEOUTS_SECONDS, PresenceActivity, TicketPresence } from './presence.type.js';
import { loadTicketAsStaff } from './ticket.service.js';

async function subscribeToPresence({ args, context }: SubscribeResolverData<unknown, { ticketId: string }, Context>) {
  const { actor, ticket } = await loadTicketAsStaff(context, args.ticketId);
  return pipe(
    context.app.pubSub.subscribe(TICKET_PRESENCE, ticket.id),
    filter((announcement: PresenceAnnouncement) => announcement.userId !== actor.id),
  );
}

@Resolver()
export class TicketPresenceResolver {
  @Mutation(() => Boolean, {
    description:
      'Staff working the ticket: tell colleagues on it that you are viewing it, typing, or have left (ticketPresence). Nothing is stored. Always true.',
  })
  async announcePresence(
    @Arg('ticketId', () => ID, { description: 'The ticket.' }) ticketId: string,
    @Arg('activity', () => PresenceActivity, { description: 'What you are doing on it.' }) activity: PresenceActivity,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    const { actor, ticket } = await loadTicketAsStaff(ctx, ticketId);
    ctx.app.pubSub.publish(TICKET_PRESENCE, ticket.id, { userId: actor.id, activity, at: ctx.app.clock.now().toISOString() });
    return true;
  }

  @Subscription(() => TicketPresence, {
    description: 'Staff working the ticket: colleagues viewing it, typing on it, or leaving it, as they announce it (announcePresence).',
    subscribe: subscribeToPresence,
  })
  async ticketPresence(
    @Root() announcement: PresenceAnnouncement,
    @Arg('ticketId', () => ID, { description: 'The ticket.' }) _ticketId: string,
    @Ctx() ctx: Context,
  ): Promise<TicketPresence> {
    if (!announcement) throw subscriptionOverHttp();
    // The subscription's context outlives many events: the colleague is read fresh for each.
    ctx.loaders = createLoaders(ctx.prisma);
    const user = await ctx.loaders.user.load(announcement.userId);
    if (!user) throw notFound('This colleague no longer exists.');
    const at = new Date(announcement.at);
    const expiresAt =
      announcement.activity === PresenceActivity.LEFT
        ? null
        : new Date(at.getTime() + PRESENCE_TIMEOUTS_SECONDS[announcement.activity] * 1000);
    return { user, activity: announcement.activity, at, expiresAt };
  }
}
