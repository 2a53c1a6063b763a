import type { Message as MessageRow, StaffNotification as NotificationRow, Ticket as TicketRow, User as UserRow } from '@studentdesk/db';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { withPlainMentions } from '../notifications/staff-notices.js';
import { PageArgs } from '../relay/pagination.js';
import { Message } from '../tickets/message.type.js';
import { Ticket } from '../tickets/ticket.type.js';
import { User } from '../users/user.type.js';
import * as notifications from './staff-notification.service.js';
import {
  MarkAllNotificationsReadPayload,
  NotificationSettingInput,
  StaffNotification,
  StaffNotificationConnection,
  StaffNotificationSetting,
} from './staff-notification.type.js';

/** A notice's excerpt: enough of the message to recognise it in a dropdown. */
const EXCERPT_LENGTH = 140;

@Resolver(() => StaffNotification)
export class StaffNotificationResolver {
  @Query(() => StaffNotificationConnection, {
    description: 'Staff: your notifications shown in the console, newest first (none about tickets you can no longer see).',
  })
  myNotifications(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { nullable: true, description: 'Only those not read yet.' }) unreadOnly?: boolean | null,
  ): Promise<StaffNotificationConnection> {
    return notifications.listMyNotifications(ctx, page, unreadOnly ?? false);
  }

  @Query(() => Int, { description: 'Staff: how many of your console notifications are unread (the bell’s count).' })
  myUnreadNotificationCount(@Ctx() ctx: Context): Promise<number> {
    return notifications.unreadNotificationCount(ctx);
  }

  @Query(() => [StaffNotificationSetting], { description: 'Staff: how you hear of each kind of notification (defaults until you choose).' })
  @MaxItems(LIST_MAXIMUM.notificationKinds)
  myNotificationSettings(@Ctx() ctx: Context): Promise<StaffNotificationSetting[]> {
    return notifications.myNotificationSettings(ctx);
  }

  @Mutation(() => StaffNotificationSetting, { description: 'Staff: choose how you hear of one kind of notification.' })
  updateNotificationSetting(
    @Arg('input', () => NotificationSettingInput, { description: 'The kind and its channels.' }) input: NotificationSettingInput,
    @Ctx() ctx: Context,
  ): Promise<StaffNotificationSetting> {
    return notifications.updateNotificationSetting(ctx, input);
  }

  @Mutation(() => StaffNotification, { description: 'Staff: mark one of your notifications read.' })
  markNotificationRead(
    @Arg('id', () => ID, { description: 'The notification.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<NotificationRow> {
    return notifications.markNotificationRead(ctx, id);
  }

  @Mutation(() => MarkAllNotificationsReadPayload, { description: 'Staff: mark all your notifications read.' })
  async markAllNotificationsRead(@Ctx() ctx: Context): Promise<MarkAllNotificationsReadPayload> {
    return { marked: await notifications.markAllNotificationsRead(ctx) };
  }

  @FieldResolver(() => Ticket, { description: 'The ticket it is about.' })
  async ticket(@Root() notification: NotificationRow, @Ctx() ctx: Context): Promise<TicketRow> {
    return (await ctx.loaders.ticket.load(notification.ticketId))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who caused it; null for the SLA sweep or a student who did not sign in.' })
  actor(@Root() notification: NotificationRow, @Ctx() ctx: Context) {
    return notification.actorId ? ctx.loaders.user.load(notification.actorId) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'STUDENT_REPLIED and MENTIONED: the start of the message, mentions as “@Name”.',
  })
  async excerpt(@Root() notification: NotificationRow, @Ctx() ctx: Context): Promise<string | null> {
    const message = notification.messageId ? await ctx.loaders.message.load(notification.messageId) : null;
    if (!message) return null;
    const text = withPlainMentions(message.body);
    return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
  }

  @FieldResolver(() => Boolean, { description: 'Whether you have read it.' })
  read(@Root() notification: NotificationRow): boolean {
    return notification.readAt !== null;
  }
}

@Resolver(() => Ticket)
export class TicketFollowResolver {
  @FieldResolver(() => [User], {
    nullable: true,
    description: 'Staff working the ticket: who follows it (hears when the student replies). Null for anyone else.',
  })
  @MaxItems(LIST_MAXIMUM.staffMembers)
  followers(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<UserRow[] | null> {
    return notifications.followersOf(ctx, ticket);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you follow the ticket (false for anyone but staff working it).' })
  viewerFollows(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<boolean> {
    return notifications.viewerFollows(ctx, ticket);
  }

  @FieldResolver(() => Message, {
    nullable: true,
    description:
      'Staff working the ticket: the oldest message someone else wrote since you last marked the ticket read (markTicketRead); null when you have read everything.',
  })
  firstUnreadMessage(@Root() ticket: TicketRow, @Ctx() ctx: Context): Promise<MessageRow | null> {
    return notifications.firstUnreadMessage(ctx, ticket);
  }

  @Mutation(() => Ticket, { description: 'Staff working the ticket: follow it, to be notified when the student replies.' })
  followTicket(@Arg('ticketId', () => ID, { description: 'The ticket.' }) ticketId: string, @Ctx() ctx: Context): Promise<TicketRow> {
    return notifications.followTicket(ctx, ticketId);
  }

  @Mutation(() => Ticket, { description: 'Staff: stop following a ticket.' })
  unfollowTicket(@Arg('ticketId', () => ID, { description: 'The ticket.' }) ticketId: string, @Ctx() ctx: Context): Promise<TicketRow> {
    return notifications.unfollowTicket(ctx, ticketId);
  }

  @Mutation(() => Ticket, {
    description:
      'Staff working the ticket: you have read its conversation up to now (and its notifications to you). Moves firstUnreadMessage on.',
  })
  markTicketRead(@Arg('ticketId', () => ID, { description: 'The ticket.' }) ticketId: string, @Ctx() ctx: Context): Promise<TicketRow> {
    return notifications.markTicketRead(ctx, ticketId);
  }
}
