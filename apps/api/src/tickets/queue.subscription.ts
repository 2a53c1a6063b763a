// queueChanged: the staff queue's live feed. Events travel per department; each one is read fresh
// and delivered only if the viewer may still work the ticket (ticket.policy.ts, as for working it).
import { filter, map, pipe } from '@graphql-yoga/subscription';
import type { Ticket as TicketRow } from '@studentdesk/db';
import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { departmentsOf, enforce, requireStaff } from '../auth/viewer.js';
import { createLoaders, type Context } from '../context.js';
import { badInput, subscriptionOverHttp } from '../errors.js';
import { EVERY_DEPARTMENT, QUEUE_CHANGED } from '../realtime/pubsub.js';
import { fromGlobalId } from '../relay/global-id.js';
import * as ticketPolicy from './ticket.policy.js';
import { Ticket } from './ticket.type.js';

interface QueueChangedArgs {
  departmentId?: string | null;
}

/**
 * The department topic a viewer listens on: one of their departments, or all of them (the whole
 * school's topic, which the filter below narrows to tickets they work); any one or all for admins.
 */
function queueTopic(context: Context, departmentGlobalId: string | null | undefined): string {
  const user = requireStaff(context.viewer);
  const departmentId = departmentGlobalId ? fromGlobalId(departmentGlobalId, 'Department', 'departmentId') : null;
  enforce(ticketPolicy.canFollowQueue(context.viewer, departmentId));
  if (departmentId) return departmentId;
  if (user.role === 'ADMIN') return EVERY_DEPARTMENT;
  const departmentIds = departmentsOf(user);
  if (departmentIds.length === 0) throw badInput('You belong to no department, so you have no queue to follow.', 'departmentId');
  return departmentIds.length === 1 ? departmentIds[0]! : EVERY_DEPARTMENT;
}

function subscribeToQueue({ args, context }: SubscribeResolverData<unknown, QueueChangedArgs, Context>) {
  const topic = queueTopic(context, args.departmentId);
  return pipe(
    context.app.pubSub.subscribe(QUEUE_CHANGED, topic),
    map((update) => context.prisma.ticket.findUnique({ where: { id: update.ticketId } })),
    filter((ticket): ticket is TicketRow => ticket !== null && ticketPolicy.works(context.viewer, ticket)),
  );
}

@Resolver()
export class QueueSubscriptionResolver {
  @Subscription(() => Ticket, {
    description:
      'Staff: every new or changed ticket of a department queue, as it happens. Your own department by default; admins may name any department or none (the whole school).',
    subscribe: subscribeToQueue,
  })
  queueChanged(
    @Root() ticket: TicketRow,
    @Ctx() ctx: Context,
    @Arg('departmentId', () => ID, { nullable: true, description: 'The department whose queue to follow.' }) _departmentId?: string | null,
  ): TicketRow {
    if (!ticket) throw subscriptionOverHttp();
    // The subscription's context outlives many events: relations are read fresh for each.
    ctx.loaders = createLoaders(ctx.prisma);
    ctx.loaders.ticket.prime(ticket.id, ticket);
    return ticket;
  }
}
