// Live updates. In one process events travel in memory; with Redis (REDIS_URL) they go through
// Redis, so several API processes behave as one.
import { createPubSub } from '@graphql-yoga/subscription';
import type { Ticket as TicketRow } from '@studentdesk/db';
import type { RedisConnections } from '../redis.js';
import { createRedisEventTarget } from './redis-event-target.js';

export const TICKET_UPDATED = 'TICKET_UPDATED';
/** Every change to a ticket of a department, for the staff queues showing it. */
export const QUEUE_CHANGED = 'QUEUE_CHANGED';
/** The QUEUE_CHANGED topic that carries every department's changes (an admin's whole-school queue). */
export const EVERY_DEPARTMENT = '*';

/** A staff member viewing, typing on or leaving a ticket (tickets/presence.subscription.ts); never stored. */
export const TICKET_PRESENCE = 'TICKET_PRESENCE';

/** A staff notification shown in someone's console bell, by recipient (staff-notifications/). */
export const STAFF_NOTIFIED = 'STAFF_NOTIFIED';

/** Sessions ended (auth/sessions.ts), so every process closes their open websockets. */
export const SESSIONS_REVOKED = 'SESSIONS_REVOKED';

export interface TicketUpdate {
  ticketId: string;
}

export interface PresenceAnnouncement {
  userId: string;
  activity: 'VIEWING' | 'TYPING' | 'LEFT';
  /** ISO time: events may cross processes as JSON. */
  at: string;
}

/** One session of the user, or (without `sessionId`) all of them. */
export interface SessionsRevoked {
  userId: string;
  sessionId?: string;
}

type TicketTopics = {
  [TICKET_UPDATED]: [ticketId: string, update: TicketUpdate];
  [QUEUE_CHANGED]: [departmentId: string, update: TicketUpdate];
  [TICKET_PRESENCE]: [ticketId: string, announcement: PresenceAnnouncement];
  [SESSIONS_REVOKED]: [revoked: SessionsRevoked];
  [STAFF_NOTIFIED]: [recipientId: string, notice: { notificationId: string }];
};

export function createTicketPubSub(redis?: RedisConnections) {
  return createPubSub<TicketTopics>(redis ? { eventTarget: createRedisEventTarget<TicketTopics>(redis) } : {});
}

export type TicketPubSub = ReturnType<typeof createTicketPubSub>;

/** Tells everyone following the ticket, and the queues showing it, that it changed. Call after the change has committed. */
export function announceTicketChange(pubSub: TicketPubSub, ticket: Pick<TicketRow, 'id' | 'departmentId'>): void {
  const update = { ticketId: ticket.id };
  pubSub.publish(TICKET_UPDATED, ticket.id, update);
  pubSub.publish(QUEUE_CHANGED, ticket.departmentId, update);
  pubSub.publish(QUEUE_CHANGED, EVERY_DEPARTMENT, update);
}

/** Rings each recipient's bell. Call after the transaction that wrote the notifications has committed. */
export function announceStaffNotices(pubSub: TicketPubSub, notices: ReadonlyArray<{ id: string; recipientId: string }>): void {
  for (const notice of notices) pubSub.publish(STAFF_NOTIFIED, notice.recipientId, { notificationId: notice.id });
}
