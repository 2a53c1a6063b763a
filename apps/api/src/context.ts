// Everything a resolver may use: who is asking, per-request loaders, and the app's services.
import type { PrismaClient } from '@studentdesk/db';
import type { Logger } from 'pino';
import { authenticateApiKey, looksLikeApiKey } from './auth/api-keys.js';
import { sessionUser, type SessionTracker } from './auth/sessions.js';
import type { TokenSigner } from './auth/tokens.js';
import type { Clock } from './clock.js';
import { anonymous, type Viewer } from './auth/viewer.js';
import type { Config } from './config.js';
import type { WebhookQueue } from './jobs/webhook-attempts.js';
import type { Limits } from './limits/limits.js';
import { createLoaders, type Loaders } from './loaders/loaders.js';
import type { TicketPubSub } from './realtime/pubsub.js';

/** Long-lived services, created once per process. */
export interface App {
  config: Config;
  prisma: PrismaClient;
  /** The time rules read (SLA escalation, rating reminders, cleanup); a test's own clock in tests. */
  clock: Clock;
  tokens: TokenSigner;
  /** lastSeenAt writes and the open websockets of each session, in this process. */
  sessions: SessionTracker;
  pubSub: TicketPubSub;
  logger: Logger;
  limits: Limits;
  /** Queues webhook attempts (redeliveries) in this process's job queue. */
  webhooks: WebhookQueue;
}

/** Lets sign-in and sign-out manage the browser's session cookie (absent over websockets). */
export interface SessionCookie {
  set: (token: string, expiresAt: Date) => void;
  clear: () => void;
}

export interface Context {
  app: App;
  prisma: PrismaClient;
  viewer: Viewer;
  loaders: Loaders;
  /** Tickets this request has proved access to with a tracking code. */
  trackingGrants: Set<string>;
  session?: SessionCookie;
  /** The caller's IP address, for per-address limits (absent over websockets). */
  clientAddress?: string;
}

export type TokenCheck = { ok: true; viewer: Viewer } | { ok: false };

/** Turns a session token or API key into a viewer: anonymous without one, `ok: false` for a bad one. */
export async function viewerFromToken(app: App, loaders: Loaders, token: string | undefined): Promise<TokenCheck> {
  if (!token) return { ok: true, viewer: anonymous };
  if (looksLikeApiKey(token)) {
    const apiKey = await authenticateApiKey(app.prisma, token);
    return apiKey ? { ok: true, viewer: { kind: 'apiKey', apiKey } } : { ok: false };
  }
  const claims = await app.tokens.verify(token);
  // A valid signature is not enough: the session must still be live (signed out, revoked, deactivated).
  const user = claims ? await sessionUser(app, claims) : null;
  if (!claims || !user) return { ok: false };
  loaders.user.prime(user.id, user);
  return { ok: true, viewer: { kind: 'user', user, sessionId: claims.sessionId } };
}

export function createContext(app: App, viewer: Viewer, loaders: Loaders, session?: SessionCookie, clientAddress?: string): Context {
  return { app, prisma: app.prisma, viewer, loaders, trackingGrants: new Set(), session, clientAddress };
}

export { createLoaders };
