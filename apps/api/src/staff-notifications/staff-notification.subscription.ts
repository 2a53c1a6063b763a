// The console bell's live feed: each socket hears only its own person's new notifications, each
// read fresh and delivered only while its ticket is still theirs to see (staff-notification.policy.ts).
import { filter, map, pipe } from '@graphql-yoga/subscription';
import type { StaffNotification as NotificationRow } from '@studentdesk/db';
import { Ctx, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { enforce, requireStaff } from '../auth/viewer.js';
import { createLoaders, type Context } from '../context.js';
import { subscriptionOverHttp } from '../errors.js';
import { STAFF_NOTIFIED } from '../realtime/pubsub.js';
import * as notificationPolicy from './staff-notification.policy.js';
import { StaffNotification } from './staff-notification.type.js';

function subscribeToNotifications({ context }: SubscribeResolverData<unknown, unknown, Context>) {
  enforce(notificationPolicy.canUse(context.viewer));
  const me = requireStaff(context.viewer);
  return pipe(
    context.app.pubSub.subscribe(STAFF_NOTIFIED, me.id),
    map(async ({ notificationId }) => {
      const notification = await context.prisma.staffNotification.findUnique({ where: { id: notificationId } });
      const ticket = notification ? await context.prisma.ticket.findUnique({ where: { id: notification.ticketId } }) : null;
      return notification && notification.inConsole && notificationPolicy.canRead(context.viewer, notification, ticket).allowed
        ? notification
        : null;
    }),
    filter((notification): notification is NotificationRow => notification !== null),
  );
}

@Resolver()
export class StaffNotificationSubscriptionResolver {
  @Subscription(() => StaffNotification, {
    description: 'Staff: your new console notifications as they happen (the bell). Only ever your own.',
    subscribe: subscribeToNotifications,
  })
  staffNotificationReceived(@Root() notification: NotificationRow, @Ctx() ctx: Context): NotificationRow {
    if (!notification) throw subscriptionOverHttp();
    // The subscription's context outlives many events: relations are read fresh for each.
    ctx.loaders = createLoaders(ctx.prisma);
    return notification;
  }
}
