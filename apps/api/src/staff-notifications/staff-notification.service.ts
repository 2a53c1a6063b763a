// The rules of a staff member's own notifications (list, unread count, mark read, settings), of
// following tickets, and of how far they have read each ticket ("jump to first unread").
// Notifications are written by the changes that cause them (tickets/ticket.staff-notices.ts).
import {
  Prisma,
  StaffNotificationKind,
  type Message as MessageRow,
  type StaffNotification as NotificationRow,
  type Ticket as TicketRow,
  type User as UserRow,
} from '@studentdesk/db';
import { enforce, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { DEFAULT_CHANNELS, type Channels } from '../notifications/staff-notices.js';
import { fromGlobalId } from '../relay/global-id.js';
import { newestFirst, pageRequest, paginate, type PageArgs } from '../relay/pagination.js';
import { seesInternal, visibleTicketsSql } from '../tickets/ticket.policy.js';
import { loadTicket } from '../tickets/ticket.service.js';
import * as notificationPolicy from './staff-notification.policy.js';

const NOTIFICATION_ORDER = newestFirst<NotificationRow>('myNotifications');

/** The viewer's console notifications about tickets they can still see, as one SQL condition on n and t. */
function mine(ctx: Context): Prisma.Sql {
  const me = requireStaff(ctx.viewer);
  return Prisma.sql`n."recipientId" = ${me.id}::uuid AND n."inConsole" AND (${visibleTicketsSql(ctx.viewer)})`;
}

export function listMyNotifications(ctx: Context, page: PageArgs, unreadOnly: boolean) {
  enforce(notificationPolicy.canUse(ctx.viewer));
  return paginate(
    pageRequest(page, NOTIFICATION_ORDER),
    (window) =>
      ctx.prisma.$queryRaw<NotificationRow[]>`
      SELECT n.* FROM "StaffNotification" n JOIN "Ticket" t ON t."id" = n."ticketId"
      WHERE ${mine(ctx)} AND ${unreadOnly ? Prisma.sql`n."readAt" IS NULL` : Prisma.sql`TRUE`} AND ${window.sqlWhere('n')}
      ORDER BY ${window.sqlOrderBy('n')}
      LIMIT ${window.limit}`,
  );
}

export async function unreadNotificationCount(ctx: Context): Promise<number> {
  enforce(notificationPolicy.canUse(ctx.viewer));
  const [row] = await ctx.prisma.$queryRaw<Array<{ count: number }>>`
    SELECT count(*)::int AS "count" FROM "StaffNotification" n JOIN "Ticket" t ON t."id" = n."ticketId"
    WHERE ${mine(ctx)} AND n."readAt" IS NULL`;
  return row!.count;
}

/** One notification the viewer may read; NOT_FOUND for anyone else's, as if it did not exist. */
export async function loadNotification(ctx: Context, globalId: string): Promise<NotificationRow> {
  const notification = await ctx.loaders.staffNotification.load(fromGlobalId(globalId, 'StaffNotification', 'id'));
  if (!notification) throw notFound('There is no notification with this ID.');
  enforce(notificationPolicy.canRead(ctx.viewer, notification, await ctx.loaders.ticket.load(notification.ticketId)));
  return notification;
}

export async function markNotificationRead(ctx: Context, globalId: string): Promise<NotificationRow> {
  const notification = await loadNotification(ctx, globalId);
  if (notification.readAt) return notification;
  // Only while unread: a second click keeps the first time it was read.
  await ctx.prisma.staffNotification.updateMany({ where: { id: notification.id, readAt: null }, data: { readAt: ctx.app.clock.now() } });
  return ctx.prisma.staffNotification.findUniqueOrThrow({ where: { id: notification.id } });
}

/** Marks every unread notification the viewer is shown read; returns how many. */
export async function markAllNotificationsRead(ctx: Context): Promise<number> {
  enforce(notificationPolicy.canUse(ctx.viewer));
  return ctx.prisma.$executeRaw`
    UPDATE "StaffNotification" n SET "readAt" = ${ctx.app.clock.now()} FROM "Ticket" t
    WHERE t."id" = n."ticketId" AND ${mine(ctx)} AND n."readAt" IS NULL`;
}

export interface NotificationSetting extends Channels {
  kind: StaffNotificationKind;
}

/** The viewer's choice for every kind, defaults filled in. */
export async function myNotificationSettings(ctx: Context): Promise<NotificationSetting[]> {
  enforce(notificationPolicy.canUse(ctx.viewer));
  const me = requireStaff(ctx.viewer);
  const saved = await ctx.prisma.staffNotificationSetting.findMany({ where: { userId: me.id } });
  return Object.values(StaffNotificationKind).map((kind) => {
    const row = saved.find((setting) => setting.kind === kind);
    return { kind, ...(row ? { console: row.console, email: row.email } : DEFAULT_CHANNELS[kind]) };
  });
}

export async function updateNotificationSetting(ctx: Context, setting: NotificationSetting): Promise<NotificationSetting> {
  enforce(notificationPolicy.canUse(ctx.viewer));
  const me = requireStaff(ctx.viewer);
  const channels = { console: setting.console, email: setting.email };
  await ctx.prisma.staffNotificationSetting.upsert({
    where: { userId_kind: { userId: me.id, kind: setting.kind } },
    create: { userId: me.id, kind: setting.kind, ...channels },
    update: channels,
  });
  return { kind: setting.kind, ...channels };
}

/** The ticket a staff member working it follows or stops following. */
async function followable(ctx: Context, ticketGlobalId: string) {
  const me = requireStaff(ctx.viewer);
  const { ticket } = await loadTicket(ctx, ticketGlobalId);
  enforce(notificationPolicy.canFollow(ctx.viewer, ticket));
  return { me, ticket };
}

export async function followTicket(ctx: Context, ticketGlobalId: string): Promise<TicketRow> {
  const { me, ticket } = await followable(ctx, ticketGlobalId);
  await ctx.prisma.ticketFollower.upsert({
    where: { ticketId_userId: { ticketId: ticket.id, userId: me.id } },
    create: { ticketId: ticket.id, userId: me.id, createdAt: ctx.app.clock.now() },
    update: {},
  });
  ctx.loaders.ticketFollowers.clear(ticket.id);
  return ticket;
}

export async function unfollowTicket(ctx: Context, ticketGlobalId: string): Promise<TicketRow> {
  const { me, ticket } = await followable(ctx, ticketGlobalId);
  await ctx.prisma.ticketFollower.deleteMany({ where: { ticketId: ticket.id, userId: me.id } });
  ctx.loaders.ticketFollowers.clear(ticket.id);
  return ticket;
}

/** Staff working the ticket see who follows it; everyone else null. */
export async function followersOf(ctx: Context, ticket: TicketRow): Promise<UserRow[] | null> {
  if (!seesInternal(ctx.viewer, ticket)) return null;
  const rows = await ctx.loaders.ticketFollowers.load(ticket.id);
  const users = await ctx.loaders.user.loadMany(rows.map((row) => row.userId));
  return users.filter((user): user is UserRow => user !== null && !(user instanceof Error));
}

export async function viewerFollows(ctx: Context, ticket: TicketRow): Promise<boolean> {
  if (!seesInternal(ctx.viewer, ticket)) return false;
  const me = requireStaff(ctx.viewer);
  return (await ctx.loaders.ticketFollowers.load(ticket.id)).some((row) => row.userId === me.id);
}

/**
 * The viewer has read the ticket's conversation up to now: the next message after this is the
 * first unread one. Their notifications about the ticket are read too (they are looking at it).
 */
export async function markTicketRead(ctx: Context, ticketGlobalId: string): Promise<TicketRow> {
  const { me, ticket } = await followable(ctx, ticketGlobalId);
  const now = ctx.app.clock.now();
  await ctx.prisma.$transaction([
    ctx.prisma.ticketRead.upsert({
      where: { userId_ticketId: { userId: me.id, ticketId: ticket.id } },
      create: { userId: me.id, ticketId: ticket.id, readAt: now },
      update: { readAt: now },
    }),
    ctx.prisma.staffNotification.updateMany({ where: { recipientId: me.id, ticketId: ticket.id, readAt: null }, data: { readAt: now } }),
  ]);
  ctx.loaders.firstUnreadMessage.clear(`${me.id} ${ticket.id}`);
  return ticket;
}

/**
 * The oldest message the viewer has not read: written by someone else after they last marked the
 * ticket read (every message, if they never did). Null when all is read, and for anyone but staff
 * working the ticket.
 */
export async function firstUnreadMessage(ctx: Context, ticket: TicketRow): Promise<MessageRow | null> {
  if (!seesInternal(ctx.viewer, ticket)) return null;
  const me = requireStaff(ctx.viewer);
  return ctx.loaders.firstUnreadMessage.load(`${me.id} ${ticket.id}`);
}
