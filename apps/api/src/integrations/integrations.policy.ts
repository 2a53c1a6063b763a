// Who manages the school's integrations: admins issue API keys; admins, and keys with
// webhooks:manage, manage webhooks. A key may only subscribe to what its scopes let it read.
import type { User as UserRow } from '@studentdesk/db';
import { missingScope, requireKeyScope, requireUser, type Viewer } from '../auth/viewer.js';
import { forbidden } from '../errors.js';
import type { ApiScope } from '../auth/scopes.js';
import type { WebhookEventType } from './webhook-events.js';

export function requireAdmin(viewer: Viewer): UserRow {
  const user = requireUser(viewer);
  if (user.role !== 'ADMIN') throw forbidden('Only admins manage API keys and webhooks.');
  return user;
}

/** The admin managing webhooks, or null for an API key with webhooks:manage. */
export function requireWebhookManager(viewer: Viewer): UserRow | null {
  if (viewer.kind !== 'apiKey') return requireAdmin(viewer);
  requireKeyScope(viewer, 'webhooks:manage');
  return null;
}

/** The read scope an event's payload needs: webhooks must not leak what the key could not query. */
const EVENT_SCOPE: Record<WebhookEventType, ApiScope> = {
  'ticket.created': 'tickets:read',
  'ticket.status_changed': 'tickets:read',
  'ticket.assigned': 'tickets:read',
  'message.created': 'tickets:read',
  'rating.submitted': 'ratings:read',
};

export function assertMayReceive(viewer: Viewer, events: readonly WebhookEventType[]): void {
  if (viewer.kind !== 'apiKey') return;
  const lacking = events.map((event) => EVENT_SCOPE[event]).find((scope) => !viewer.apiKey.scopes.includes(scope));
  if (lacking) throw missingScope(lacking);
}
