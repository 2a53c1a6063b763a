// Who is asking, and the words every access policy (`*.policy.ts`) answers in. A policy is a plain
// function of the viewer and the row that returns a Decision; resolvers, services and node(id:)
// ask it and `enforce` the answer, so a rule lives in one place and every door asks it.
// docs/access-policy.md lists the rules; security/access-policy.test.ts proves them over HTTP.
import type { ApiKey as ApiKeyRow, DepartmentRole, Prisma, Role, User as UserRow } from '@studentdesk/db';
import { ClientError, ErrorCode } from '../errors.js';
import type { ApiScope } from './scopes.js';

/** A department a person works in, and as what. */
export interface Membership {
  departmentId: string;
  role: DepartmentRole;
}

/**
 * A signed-in person with their departments, oldest membership first (the first is their primary
 * department). Loaded with the session, once per request: every per-department rule reads these.
 */
export type Person = UserRow & { memberships: readonly Membership[] };

/** Oldest first, so the first membership is the person's primary department. */
export const MEMBERSHIP_ORDER = [
  { createdAt: 'asc' },
  { departmentId: 'asc' },
] satisfies Prisma.DepartmentMembershipOrderByWithRelationInput[];

/**
 * A person signed in, an API key, or nobody. A guest following a report is anonymous and holds
 * tracking grants (the tickets whose tracking code this request proved; see ticket.policy.ts).
 * A user's `sessionId` is the sign-in the request came with (absent for viewers built in code, not
 * from a token).
 */
export type Viewer = { kind: 'anonymous' } | { kind: 'user'; user: Person; sessionId?: string } | { kind: 'apiKey'; apiKey: ApiKeyRow };

export const anonymous: Viewer = { kind: 'anonymous' };

/** Tickets a request has proved access to with a tracking code. */
export type TrackingGrants = ReadonlySet<string>;
export const NO_TRACKING_GRANTS: TrackingGrants = new Set();

/** A policy's answer: allowed, or refused with the code and message the client sees. */
export type Decision = { allowed: true } | { allowed: false; code: ErrorCode; message: string; extensions?: Record<string, unknown> };

export const ALLOW: Decision = { allowed: true };

export const refuse = (code: ErrorCode, message: string, extensions?: Record<string, unknown>): Decision => ({
  allowed: false,
  code,
  message,
  extensions,
});

/** FORBIDDEN for someone who is known; UNAUTHENTICATED for nobody, who may still sign in. */
export function refuseViewer(viewer: Viewer, message: string, anonymousMessage = 'Sign in to do this.'): Decision {
  return viewer.kind === 'anonymous' ? refuse(ErrorCode.UNAUTHENTICATED, anonymousMessage) : refuse(ErrorCode.FORBIDDEN, message);
}

/** FORBIDDEN naming the scope the API key lacks, so the integrator knows what to ask the admin for. */
export const missingScope = (scope: ApiScope): Decision =>
  refuse(ErrorCode.FORBIDDEN, `This API key does not have the ${scope} scope.`, { requiredScope: scope });

/** Throws the refusal as the client's error; returns quietly when allowed. */
export function enforce(decision: Decision): void {
  if (!decision.allowed) throw new ClientError(decision.code, decision.message, decision.extensions);
}

/** The first refusal of several rules, or ALLOW. */
export function all(...decisions: Array<() => Decision>): Decision {
  for (const decide of decisions) {
    const decision = decide();
    if (!decision.allowed) return decision;
  }
  return ALLOW;
}

const STAFF_ROLES: ReadonlySet<Role> = new Set<Role>(['STAFF', 'MANAGER', 'ADMIN']);

export function isStaffRole(role: Role): boolean {
  return STAFF_ROLES.has(role);
}

export function viewerUser(viewer: Viewer): Person | null {
  return viewer.kind === 'user' ? viewer.user : null;
}

/** The signed-in staff member, manager or admin; null for anyone else. */
export function viewerStaff(viewer: Viewer): Person | null {
  return viewer.kind === 'user' && isStaffRole(viewer.user.role) ? viewer.user : null;
}

export const isAdmin = (viewer: Viewer): boolean => viewer.kind === 'user' && viewer.user.role === 'ADMIN';

/** The departments a person is staff or manager of, primary first. */
export const departmentsOf = (person: Pick<Person, 'memberships'>): string[] =>
  person.memberships.map((membership) => membership.departmentId);

/** The department a person works in first (their oldest membership); null for none. */
export const primaryDepartmentOf = (person: Pick<Person, 'memberships'>): string | null => person.memberships[0]?.departmentId ?? null;

/**
 * The one rule for per-department permissions: admins act in every department; staff and
 * managers in the departments they are members of, managers running only those they manage.
 */
export function actsIn(person: Pick<Person, 'role' | 'memberships'>, departmentId: string, as: DepartmentRole = 'STAFF'): boolean {
  if (person.role === 'ADMIN') return true;
  if (!isStaffRole(person.role)) return false;
  return person.memberships.some(
    (membership) => membership.departmentId === departmentId && (as === 'STAFF' || membership.role === 'MANAGER'),
  );
}

/** Whether the viewer is a signed-in member of the department (or an admin). */
export const isStaffOf = (viewer: Viewer, departmentId: string): boolean => {
  const staff = viewerStaff(viewer);
  return staff !== null && actsIn(staff, departmentId);
};

/** Managers (of any department) and admins: they see every department's numbers and decide on suggestions. */
export const isManagerOrAdmin = (viewer: Viewer): boolean =>
  viewer.kind === 'user' && (viewer.user.role === 'MANAGER' || viewer.user.role === 'ADMIN');

export function hasScope(viewer: Viewer, scope: ApiScope): boolean {
  return viewer.kind === 'apiKey' && viewer.apiKey.scopes.includes(scope);
}

/** Only people do this: UNAUTHENTICATED for nobody, FORBIDDEN for an API key. */
export function mustBePerson(viewer: Viewer): Decision {
  if (viewer.kind === 'apiKey') return refuse(ErrorCode.FORBIDDEN, 'API keys cannot do this; it needs a signed-in person.');
  return viewer.kind === 'user' ? ALLOW : refuse(ErrorCode.UNAUTHENTICATED, 'Sign in to do this.');
}

/** A signed-in staff member, manager or admin. */
export function mustBeStaff(viewer: Viewer): Decision {
  return all(
    () => mustBePerson(viewer),
    () => (viewerStaff(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only staff can do this.')),
  );
}

/**
 * Staff of the department (a member of it): admins for any department, everyone's work when it
 * names none. `refusal` says what the others cannot do.
 */
export function mustBeStaffOf(viewer: Viewer, departmentId: string | null, refusal: string): Decision {
  return all(
    () => mustBeStaff(viewer),
    () => (!departmentId || isStaffOf(viewer, departmentId) ? ALLOW : refuse(ErrorCode.FORBIDDEN, refusal)),
  );
}

/** A manager of the department (its MANAGER membership), or an admin. */
export function mustBeManagerOf(viewer: Viewer, departmentId: string, refusal: string): Decision {
  return all(
    () => mustBeStaff(viewer),
    () => (actsIn(viewerStaff(viewer)!, departmentId, 'MANAGER') ? ALLOW : refuse(ErrorCode.FORBIDDEN, refusal)),
  );
}

/** Seeing a department's work: as mustBeStaffOf, and managers and admins see every department's. */
export function mustSeeDepartment(viewer: Viewer, departmentId: string | null, refusal: string): Decision {
  return isManagerOrAdmin(viewer) ? ALLOW : mustBeStaffOf(viewer, departmentId, refusal);
}

/**
 * Keeping (creating, changing) what belongs to a department: its staff and admins, or with
 * `notManager` given only its managers and admins (staff get that refusal); what belongs to no
 * department (null) is the admins' alone.
 */
export function mustKeepIn(
  viewer: Viewer,
  departmentId: string | null,
  refusals: { notManager?: string; schoolWide: string; otherDepartment: string },
): Decision {
  return all(
    () => mustBeStaff(viewer),
    () => {
      const user = viewerStaff(viewer)!;
      if (user.role === 'ADMIN') return ALLOW;
      if (refusals.notManager !== undefined && user.role !== 'MANAGER') return refuse(ErrorCode.FORBIDDEN, refusals.notManager);
      if (departmentId === null) return refuse(ErrorCode.FORBIDDEN, refusals.schoolWide);
      return actsIn(user, departmentId, refusals.notManager === undefined ? 'STAFF' : 'MANAGER')
        ? ALLOW
        : refuse(ErrorCode.FORBIDDEN, refusals.otherDepartment);
    },
  );
}

/** For an API key: the scope, or FORBIDDEN naming it. Other viewers pass (their roles decide). */
export function keyNeedsScope(viewer: Viewer, scope: ApiScope): Decision {
  return viewer.kind === 'apiKey' && !hasScope(viewer, scope) ? missingScope(scope) : ALLOW;
}

/** The signed-in person, or the refusal of mustBePerson. */
export function requireUser(viewer: Viewer): Person {
  enforce(mustBePerson(viewer));
  return (viewer as Extract<Viewer, { kind: 'user' }>).user;
}

/** The signed-in staff member, or the refusal of mustBeStaff. */
export function requireStaff(viewer: Viewer): Person {
  enforce(mustBeStaff(viewer));
  return (viewer as Extract<Viewer, { kind: 'user' }>).user;
}
