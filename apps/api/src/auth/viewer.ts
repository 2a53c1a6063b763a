// Who is asking. Every permission rule starts from a Viewer; resolvers never read headers.
import type { ApiKey as ApiKeyRow, Role, User as UserRow } from '@studentdesk/db';
import { ClientError, ErrorCode, forbidden, unauthenticated } from '../errors.js';
import type { ApiScope } from './scopes.js';

export type Viewer = { kind: 'anonymous' } | { kind: 'user'; user: UserRow } | { kind: 'apiKey'; apiKey: ApiKeyRow };

export const anonymous: Viewer = { kind: 'anonymous' };

const STAFF_ROLES: ReadonlySet<Role> = new Set<Role>(['STAFF', 'MANAGER', 'ADMIN']);

export function isStaffRole(role: Role): boolean {
  return STAFF_ROLES.has(role);
}

export function viewerUser(viewer: Viewer): UserRow | null {
  return viewer.kind === 'user' ? viewer.user : null;
}

/** The signed-in user, or UNAUTHENTICATED (FORBIDDEN for an API key: only people do this). */
export function requireUser(viewer: Viewer): UserRow {
  if (viewer.kind === 'apiKey') throw forbidden('API keys cannot do this; it needs a signed-in person.');
  if (viewer.kind !== 'user') throw unauthenticated();
  return viewer.user;
}

/** A signed-in staff member, manager or admin; UNAUTHENTICATED or FORBIDDEN otherwise. */
export function requireStaff(viewer: Viewer): UserRow {
  const user = requireUser(viewer);
  if (!isStaffRole(user.role)) throw forbidden('Only staff can do this.');
  return user;
}

export function hasScope(viewer: Viewer, scope: ApiScope): boolean {
  return viewer.kind === 'apiKey' && viewer.apiKey.scopes.includes(scope);
}

/** FORBIDDEN naming the scope the API key lacks, so the integrator knows what to ask the admin for. */
export const missingScope = (scope: ApiScope) =>
  new ClientError(ErrorCode.FORBIDDEN, `This API key does not have the ${scope} scope.`, { requiredScope: scope });

/** For an API key: the scope, or FORBIDDEN naming it. Other viewers pass (their roles decide). */
export function requireKeyScope(viewer: Viewer, scope: ApiScope): void {
  if (viewer.kind === 'apiKey' && !hasScope(viewer, scope)) throw missingScope(scope);
}
