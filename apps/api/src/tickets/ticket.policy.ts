// Who may see and do what with a ticket, its conversation (internal notes included) and its
// history. The rule for one ticket (ticketAccess) and the SQL filter that scopes lists
// (visibleTicketBranches) sit side by side and must say the same.
import { Prisma, type Message as MessageRow, type Ticket as TicketRow } from '@studentdesk/db';
import {
  actsIn,
  ALLOW,
  all,
  departmentsOf,
  hasScope,
  isStaffRole,
  keyNeedsScope,
  missingScope,
  mustBePerson,
  mustBeStaff,
  mustBeStaffOf,
  NO_TRACKING_GRANTS,
  refuse,
  refuseViewer,
  viewerStaff,
  type Decision,
  type TrackingGrants,
  type Viewer,
} from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

/**
 * How the viewer relates to a ticket: as staff working it, as its requester, by tracking code, or
 * as an integration whose API key has `tickets:read` (every ticket, never internal notes).
 */
export type TicketAccess = 'staff' | 'requester' | 'tracking' | 'integration';

type TicketOwnership = Pick<TicketRow, 'id' | 'departmentId' | 'assigneeId' | 'requesterId'>;

/** Staff work their department's tickets and the ones assigned to them; admins work every ticket. */
export function works(viewer: Viewer, ticket: Pick<TicketRow, 'departmentId' | 'assigneeId'>): boolean {
  const user = viewerStaff(viewer);
  if (!user) return false;
  return actsIn(user, ticket.departmentId) || ticket.assigneeId === user.id;
}

export function ticketAccess(
  viewer: Viewer,
  ticket: TicketOwnership,
  trackingGrants: TrackingGrants = NO_TRACKING_GRANTS,
): TicketAccess | null {
  if (works(viewer, ticket)) return 'staff';
  if (viewer.kind === 'user' && ticket.requesterId === viewer.user.id) return 'requester';
  if (hasScope(viewer, 'tickets:read')) return 'integration';
  return trackingGrants.has(ticket.id) ? 'tracking' : null;
}

/** Reading the ticket: its fields, public messages, history without note traces, and following it live. */
export function canRead(viewer: Viewer, ticket: TicketOwnership, trackingGrants: TrackingGrants = NO_TRACKING_GRANTS): Decision {
  if (ticketAccess(viewer, ticket, trackingGrants)) return ALLOW;
  if (viewer.kind === 'apiKey') return missingScope('tickets:read');
  return refuseViewer(viewer, 'This ticket is not yours to see.', 'Sign in, or use the tracking link from your confirmation email.');
}

/** Staff work: assign, resolve, change status or priority, see internal notes and predictions. */
export function canWork(viewer: Viewer, ticket: TicketOwnership): Decision {
  return all(
    () => mustBeStaff(viewer),
    () => canRead(viewer, ticket),
    () => (works(viewer, ticket) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only staff working this ticket can do this.')),
  );
}

/** Linking related tickets: staff, on tickets they may read (each side is checked). */
export function canLink(viewer: Viewer, ticket: TicketOwnership): Decision {
  return all(
    () => mustBeStaff(viewer),
    () => canRead(viewer, ticket),
  );
}

/** Replying and reopening are for the people on the ticket; an integration only reads. */
export function canTakePart(viewer: Viewer, ticket: TicketOwnership, trackingGrants: TrackingGrants = NO_TRACKING_GRANTS): Decision {
  return all(
    () => canRead(viewer, ticket, trackingGrants),
    () =>
      ticketAccess(viewer, ticket, trackingGrants) === 'integration'
        ? refuse(ErrorCode.FORBIDDEN, 'API keys can read tickets and report problems; replying, reopening and rating are for people.')
        : ALLOW,
  );
}

export function canAddInternalNote(viewer: Viewer, ticket: TicketOwnership, trackingGrants: TrackingGrants = NO_TRACKING_GRANTS): Decision {
  return all(
    () => canTakePart(viewer, ticket, trackingGrants),
    () => (works(viewer, ticket) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only staff working this ticket can add internal notes.')),
  );
}

/** Internal notes, their traces in the history and the predicted rating: staff working the ticket only. */
export const seesInternal = (viewer: Viewer, ticket: Pick<TicketRow, 'departmentId' | 'assigneeId'>): boolean => works(viewer, ticket);

/** One message: whoever reads its ticket, and for an internal note only staff working it. */
export function canReadMessage(
  viewer: Viewer,
  message: Pick<MessageRow, 'internal'>,
  ticket: TicketOwnership,
  trackingGrants: TrackingGrants = NO_TRACKING_GRANTS,
): Decision {
  return all(
    () => canRead(viewer, ticket, trackingGrants),
    () =>
      message.internal && !seesInternal(viewer, ticket) ? refuse(ErrorCode.FORBIDDEN, 'Internal notes are visible to staff only.') : ALLOW,
  );
}

/** Anyone reports a problem, signed in or not; an API key needs `tickets:write`. */
export const canReport = (viewer: Viewer): Decision => keyNeedsScope(viewer, 'tickets:write');

/** Lists need a signed-in person or a key with `tickets:read`; which rows, visibleTicketBranches says. */
export function canList(viewer: Viewer): Decision {
  return viewer.kind === 'apiKey' ? keyNeedsScope(viewer, 'tickets:read') : mustBePerson(viewer);
}

/** The live queue of a department: its staff; admins any department or the whole school. */
export function canFollowQueue(viewer: Viewer, departmentId: string | null): Decision {
  return mustBeStaffOf(viewer, departmentId, "You can follow your own department's queue only.");
}

/**
 * The tickets a list may show the viewer, as disjoint conditions on `t`: a ticket matches at most
 * one. Staff see their department's tickets and, apart from those, the ones assigned to them;
 * a query can read each branch through its own index (tickets/ticket.query.ts).
 */
export function visibleTicketBranches(viewer: Viewer): Prisma.Sql[] {
  if (viewer.kind === 'apiKey') return [hasScope(viewer, 'tickets:read') ? Prisma.sql`TRUE` : Prisma.sql`FALSE`];
  if (viewer.kind !== 'user') return [Prisma.sql`FALSE`];
  const { user } = viewer;
  if (user.role === 'ADMIN') return [Prisma.sql`TRUE`];
  if (isStaffRole(user.role)) {
    const departmentIds = departmentsOf(user);
    return departmentIds.length
      ? [
          Prisma.sql`t."departmentId" = ANY(${departmentIds}::uuid[])`,
          Prisma.sql`(t."assigneeId" = ${user.id}::uuid AND t."departmentId" <> ALL(${departmentIds}::uuid[]))`,
        ]
      : [Prisma.sql`t."assigneeId" = ${user.id}::uuid`];
  }
  return [Prisma.sql`t."requesterId" = ${user.id}::uuid`];
}

/** The tickets a viewer may list as one SQL condition on "Ticket" t (anonymous: none). */
export function visibleTicketsSql(viewer: Viewer): Prisma.Sql {
  const branches = visibleTicketBranches(viewer);
  return branches.length === 1 ? branches[0]! : Prisma.sql`(${Prisma.join(branches, ' OR ')})`;
}

/**
 * Which of a ticket's search vectors (TicketSearch) a viewer searches: staff and admins list only
 * tickets they work (visibleTicketBranches), so internal notes are theirs to search; everyone
 * else searches the public text only.
 */
export const searchesInternalNotes = (viewer: Viewer): boolean => viewerStaff(viewer) !== null;
