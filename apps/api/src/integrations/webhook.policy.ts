// Who manages a webhook, sees its deliveries (their payloads and the receiver's answers) and
// redelivers: admins every webhook; an API key with webhooks:manage only the webhooks it created.
// A webhook receives only events its owner may read: a key's events need the matching read scope.
import type { ApiKey as ApiKeyRow, Prisma, Webhook as WebhookRow } from '@studentdesk/db';
import type { ApiScope } from '../auth/scopes.js';
import { ALLOW, all, isAdmin, keyNeedsScope, missingScope, mustBePerson, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';
import type { WebhookEventType } from './webhook-events.js';

type OwnedWebhook = Pick<WebhookRow, 'createdByApiKeyId'>;

/** Admins, and API keys with webhooks:manage (for their own webhooks). */
export function canManageAny(viewer: Viewer): Decision {
  if (viewer.kind === 'apiKey') return keyNeedsScope(viewer, 'webhooks:manage');
  return all(
    () => mustBePerson(viewer),
    () => (isAdmin(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only admins manage API keys and webhooks.')),
  );
}

/** One webhook and its deliveries: read, change, rotate its secret, delete, redeliver. */
export function canManage(viewer: Viewer, webhook: OwnedWebhook): Decision {
  const owner = webhook.createdByApiKeyId;
  return all(
    () => canManageAny(viewer),
    () => {
      if (viewer.kind !== 'apiKey') return ALLOW;
      const key = viewer.apiKey;
      return owner === key.id
        ? ALLOW
        : refuse(ErrorCode.FORBIDDEN, 'This webhook belongs to another integration; an API key manages only the webhooks it created.');
    },
  );
}

export const canRead = canManage;

/** The webhooks a list shows the viewer (after canManageAny). */
export const listWhere = (viewer: Viewer): Prisma.WebhookWhereInput =>
  viewer.kind === 'apiKey' ? { createdByApiKeyId: viewer.apiKey.id } : {};

/** The read scope an event's payload needs: webhooks must not leak what the key could not query. */
const EVENT_SCOPE: Record<WebhookEventType, ApiScope> = {
  'ticket.created': 'tickets:read',
  'ticket.status_changed': 'tickets:read',
  'ticket.assigned': 'tickets:read',
  'message.created': 'tickets:read',
  'rating.submitted': 'ratings:read',
  'automation.fired': 'tickets:read',
};

/**
 * Whether a webhook owned by `owner` (the creating API key; null for an admin's webhook) may
 * receive these events, whoever subscribes it: a key's webhook only what that key may read.
 */
export function canReceive(owner: Pick<ApiKeyRow, 'scopes'> | null, events: readonly WebhookEventType[]): Decision {
  if (!owner) return ALLOW;
  const lacking = events.map((event) => EVENT_SCOPE[event]).find((scope) => !owner.scopes.includes(scope));
  return lacking ? missingScope(lacking) : ALLOW;
}
