// Global IDs: opaque, typed, stable. `Ticket:0193…` in base64url, so a client cannot pass a
// Category ID where a Ticket ID is expected without a clear error.
import { badInput } from '../errors.js';

export type NodeTypeName =
  | 'Ticket'
  | 'Message'
  | 'Rating'
  | 'User'
  | 'Department'
  | 'Category'
  | 'Incident'
  | 'ApiKey'
  | 'Webhook'
  | 'WebhookDelivery'
  | 'Article'
  | 'EmailMessage'
  | 'InboundEmail'
  | 'Suggestion'
  | 'CannedResponse'
  | 'Invitation'
  | 'SlaPolicy'
  | 'Holiday'
  | 'SavedView'
  | 'AutomationRule'
  | 'StaffNotification'
  | 'Tag'
  | 'Macro'
  | 'Attachment';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toGlobalId(type: NodeTypeName, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

export function parseGlobalId(globalId: string): { type: string; id: string } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 1) return null;
  const id = decoded.slice(separator + 1);
  return UUID.test(id) ? { type: decoded.slice(0, separator), id } : null;
}

/** The database id behind a global ID of the expected type, or a BAD_USER_INPUT error naming the field. */
export function fromGlobalId(globalId: string, expected: NodeTypeName, field: string): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.type !== expected) throw badInput(`${field} is not a valid ${expected} ID.`, field);
  return parsed.id;
}
