// Who may see and do what with a ticket. The same rule exists twice, side by side: for one
// ticket (ticketAccess) and as the SQL filter that scopes lists (visibleTicketsSql).
import { Prisma, type Ticket as TicketRow } from '@studentdesk/db';
import { hasScope, isStaffRole, missingScope, requireUser, type Viewer } from '../auth/viewer.js';
import { forbidden, unauthenticated } from '../errors.js';

/**
 * How the viewer relates to a ticket: as staff working it, as its requester, by tracking code, or
 * as an integration whose API key has `tickets:read` (every ticket, never internal notes).
 */
export type TicketAccess = 'staff' | 'requester' | 'tracking' | 'integration';

type TicketOwnership = Pick<TicketRow, 'id' | 'departmentId' | 'assigneeId' | 'requesterId'>;

export function ticketAccess(viewer: Viewer, ticket: TicketOwnership, trackingGrants: ReadonlySet<string>): TicketAccess | null {
  if (viewer.kind === 'user') {
    const { user } = viewer;
    if (user.role === 'ADMIN') return 'staff';
    if (isStaffRole(user.role) && (ticket.departmentId === user.departmentId || ticket.assigneeId === user.id)) return 'staff';
    if (ticket.requesterId === user.id) return 'requester';
  }
  if (hasScope(viewer, 'tickets:read')) return 'integration';
  return trackingGrants.has(ticket.id) ? 'tracking' : null;
}

/** The viewer's access to the ticket, or UNAUTHENTICATED (nobody signed in) / FORBIDDEN. */
export function assertTicketAccess(viewer: Viewer, ticket: TicketOwnership, trackingGrants: ReadonlySet<string>): TicketAccess {
  const access = ticketAccess(viewer, ticket, trackingGrants);
  if (access) return access;
  if (viewer.kind === 'anonymous') throw unauthenticated('Sign in, or use the tracking link from your confirmation email.');
  if (viewer.kind === 'apiKey') throw missingScope('tickets:read');
  throw forbidden('This ticket is not yours to see.');
}

export function assertStaffAccess(viewer: Viewer, ticket: TicketOwnership): void {
  if (assertTicketAccess(viewer, ticket, new Set()) !== 'staff') throw forbidden('Only staff working this ticket can do this.');
}

/** Replying, reopening and rating are for the people on the ticket; an integration only reads. */
export function assertTicketParticipant(access: TicketAccess): asserts access is Exclude<TicketAccess, 'integration'> {
  if (access === 'integration')
    throw forbidden('API keys can read tickets and report problems; replying, reopening and rating are for people.');
}

/** Lists need a signed-in person or a key with `tickets:read`; UNAUTHENTICATED / FORBIDDEN otherwise. */
export function assertMayListTickets(viewer: Viewer): void {
  if (viewer.kind === 'apiKey') {
    if (!hasScope(viewer, 'tickets:read')) throw missingScope('tickets:read');
    return;
  }
  requireUser(viewer);
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
    return user.departmentId
      ? [
          Prisma.sql`t."departmentId" = ${user.departmentId}::uuid`,
          Prisma.sql`(t."assigneeId" = ${user.id}::uuid AND t."departmentId" <> ${user.departmentId}::uuid)`,
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
