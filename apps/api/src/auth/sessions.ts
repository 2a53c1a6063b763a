// Sessions that can be revoked. A token names its Session row, and every request finds its user
// through that row in one statement (both by primary key; their memberships in a second), so signing out, changing the password
// or deactivating the account ends the session at once, in every API process, without a cache to
// wait out. Websockets authenticate once, when they connect: each process keeps the sessions of its
// open sockets and closes a socket when its session ends, told by a SESSIONS_REVOKED event (at
// once, across processes through Redis) or, should an event be lost while Redis is down, by a
// check of all its sockets' sessions every few seconds (one query, whatever the socket count).
// The same check closes a socket whose person's role or departments changed since it connected
// (an admin moved them, SCIM, an import, a merge): its subscriptions were authorised for the old
// ones. That close invites the client to reconnect, and the new socket carries the new ones.
import type { Prisma, PrismaClient } from '@studentdesk/db';
import { CloseCode } from 'graphql-ws';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { SESSIONS_REVOKED, type TicketPubSub } from '../realtime/pubsub.js';
import type { SessionClaims, TokenSigner } from './tokens.js';
import { MEMBERSHIP_ORDER, type Person, type Viewer } from './viewer.js';

/** lastSeenAt is written at most this often per session and process: not one write per request. */
const LAST_SEEN_PRECISION_MS = 5 * 60_000;
/** Above this many remembered writes, the ones old enough to be due again are forgotten. */
const LAST_SEEN_MEMORY = 10_000;

type Db = PrismaClient | Prisma.TransactionClient;

/** What session functions use of the app (context.ts's App has them all). */
interface SessionServices {
  prisma: PrismaClient;
  tokens: TokenSigner;
  config: { authTokenTtlHours: number };
  sessions: SessionTracker;
  pubSub: TicketPubSub;
}

const liveAt = (now: Date) => ({ revokedAt: null, expiresAt: { gt: now } });

/** The per-process side of sessions: when lastSeenAt is due, and which open sockets belong to which session. */
export interface SessionTracker {
  /** Whether this process should write the session's lastSeenAt now (and remembers that it did). */
  lastSeenDue: (sessionId: string, now: Date) => boolean;
  /**
   * Closes the socket (4401 Unauthorized) as soon as the viewer's session ends, and asks its client
   * to reconnect (1012) once their role or departments change. Other viewers are left alone.
   */
  watchSocket: (viewer: Viewer, socket: WebSocket) => void;
  stop: () => Promise<void>;
}

interface WatchedSocket {
  userId: string;
  sessionId: string;
  /** The person's role and departments when the socket connected (`permissionsOf`). */
  permissions: string;
  socket: WebSocket;
}

/** What a person's access depends on, as one comparable value: the role and each department's role. */
function permissionsOf(person: Pick<Person, 'role' | 'memberships'>): string {
  const memberships = person.memberships.map((membership) => `${membership.departmentId}:${membership.role}`).sort();
  return [person.role, ...memberships].join(' ');
}

/**
 * graphql-ws's "Service Restart": its clients reconnect (4401 they would not), and the new
 * connection is authorised with the person's current role and departments.
 */
const RECONNECT = 1012;

/** `recheckMs`: how late, at most, a socket notices that its session ended when the revocation event was lost. */
export function trackSessions(prisma: PrismaClient, pubSub: TicketPubSub, logger: Logger, recheckMs: number): SessionTracker {
  const lastSeenWrites = new Map<string, number>();
  const sockets = new Set<WatchedSocket>();

  const close = (watched: WatchedSocket, code: number, reason: string) => {
    sockets.delete(watched);
    watched.socket.close(code, reason);
  };
  const closeWhere = (ended: (watched: WatchedSocket) => boolean) => {
    for (const watched of sockets) {
      // graphql-ws clients treat 4401 as final: they do not reconnect with the dead token.
      if (ended(watched)) close(watched, CloseCode.Unauthorized, 'Unauthorized: the session has ended');
    }
  };

  const events = pubSub.subscribe(SESSIONS_REVOKED);
  const listening = (async () => {
    for await (const revoked of events) {
      closeWhere((watched) => watched.userId === revoked.userId && (!revoked.sessionId || watched.sessionId === revoked.sessionId));
    }
  })();

  let checking = false;
  const checkSockets = async () => {
    const now = new Date();
    const ids = [...new Set([...sockets].map((watched) => watched.sessionId))];
    const live = await prisma.session.findMany({
      where: { id: { in: ids }, ...liveAt(now), user: { deactivatedAt: null } },
      select: { id: true, user: { select: { role: true, memberships: { select: { departmentId: true, role: true } } } } },
    });
    const permissionsNow = new Map(live.map((session) => [session.id, permissionsOf(session.user)]));
    closeWhere((watched) => !permissionsNow.has(watched.sessionId));
    for (const watched of sockets) {
      if (permissionsNow.get(watched.sessionId) !== watched.permissions) {
        close(watched, RECONNECT, 'Your role or departments changed: reconnect');
      }
    }
  };
  const timer = setInterval(() => {
    if (checking || sockets.size === 0) return;
    checking = true;
    // While the database is unreachable the sockets stay open: the next check decides.
    checkSockets()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not check the sessions of open websockets'))
      .finally(() => (checking = false));
  }, recheckMs);
  timer.unref();

  return {
    lastSeenDue(sessionId, now) {
      const last = lastSeenWrites.get(sessionId);
      if (last !== undefined && now.getTime() - last < LAST_SEEN_PRECISION_MS) return false;
      if (lastSeenWrites.size >= LAST_SEEN_MEMORY) {
        for (const [id, at] of lastSeenWrites) if (now.getTime() - at >= LAST_SEEN_PRECISION_MS) lastSeenWrites.delete(id);
      }
      lastSeenWrites.set(sessionId, now.getTime());
      return true;
    },
    watchSocket(viewer, socket) {
      if (viewer.kind !== 'user' || !viewer.sessionId || socket.readyState >= socket.CLOSING) return;
      const watched = { userId: viewer.user.id, sessionId: viewer.sessionId, permissions: permissionsOf(viewer.user), socket };
      sockets.add(watched);
      socket.once('close', () => sockets.delete(watched));
    },
    async stop() {
      clearInterval(timer);
      await events.return();
      await listening;
    },
  };
}

/** Starts a session for the user and returns its token; `address` is where the sign-in came from. */
export async function startSession(
  app: Pick<SessionServices, 'prisma' | 'tokens' | 'config' | 'sessions'>,
  userId: string,
  address?: string,
): Promise<{ token: string; expiresAt: Date }> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + app.config.authTokenTtlHours * 3_600_000);
  const session = await app.prisma.session.create({
    data: { userId, expiresAt, address: address ?? null, createdAt: now, lastSeenAt: now },
    select: { id: true },
  });
  app.sessions.lastSeenDue(session.id, now);
  return { token: await app.tokens.sign({ userId, sessionId: session.id, expiresAt }), expiresAt };
}

/** The user of a token's session, with their memberships, if the session is live and the account active; null otherwise. */
export async function sessionUser(
  app: Pick<SessionServices, 'prisma' | 'sessions'>,
  claims: SessionClaims,
  now = new Date(),
): Promise<Person | null> {
  const user = await app.prisma.user.findFirst({
    where: { id: claims.userId, deactivatedAt: null, sessions: { some: { id: claims.sessionId, ...liveAt(now) } } },
    include: { memberships: { select: { departmentId: true, role: true }, orderBy: MEMBERSHIP_ORDER } },
  });
  if (user && app.sessions.lastSeenDue(claims.sessionId, now)) {
    await app.prisma.session.updateMany({ where: { id: claims.sessionId }, data: { lastSeenAt: now } });
  }
  return user;
}

/** Signs out one session: its token stops working and its sockets close. */
export async function endSession(app: Pick<SessionServices, 'prisma' | 'pubSub'>, userId: string, sessionId: string): Promise<void> {
  await app.prisma.session.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  app.pubSub.publish(SESSIONS_REVOKED, { userId, sessionId });
}

/**
 * Ends every session of the user: signing out everywhere, a password change, deactivation. The
 * change that causes it (a new password hash, `deactivatedAt`) is `alongWith`, written in the same
 * transaction. Returns how many sessions were still live.
 */
export async function revokeSessionsOf(
  app: Pick<SessionServices, 'prisma' | 'pubSub'>,
  userId: string,
  alongWith?: (tx: Prisma.TransactionClient) => Promise<unknown>,
): Promise<number> {
  const now = new Date();
  const revoke = (db: Db) => db.session.updateMany({ where: { userId, ...liveAt(now) }, data: { revokedAt: now } });
  const { count } = alongWith
    ? await app.prisma.$transaction(async (tx) => {
        await alongWith(tx);
        return revoke(tx);
      })
    : await revoke(app.prisma);
  app.pubSub.publish(SESSIONS_REVOKED, { userId });
  return count;
}

/** Removes sessions past their expiry, revoked or not: nothing can use them any more. For a periodic cleanup job. */
export async function deleteExpiredSessions(prisma: PrismaClient, now: Date): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
