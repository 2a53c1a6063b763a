// Incidents are public announcements (the portal's banner): anyone reads them and their updates.
// Acting on one writes on every linked ticket (a public reply, or the resolution), so staff act
// only on incidents of their department whose linked tickets they may all work; an incident
// without a department follows the same ticket rule. Admins work every ticket, so every incident.
import type { Incident as IncidentRow } from '@studentdesk/db';
import { ALLOW, all, mustBeStaff, mustBeStaffOf, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';
import * as ticketPolicy from '../tickets/ticket.policy.js';

type LinkedTicket = Parameters<typeof ticketPolicy.works>[1];

/** An incident and its updates (IncidentUpdate): everyone. */
export const canRead = (_viewer: Viewer, _incident: unknown): Decision => ALLOW;

/** The full list, resolved incidents included: a staff tool. */
export const canList = (viewer: Viewer): Decision => mustBeStaff(viewer);

/** Declaring one for a department: its staff; admins for any department, or none. */
export function canCreate(viewer: Viewer, departmentId: string | null): Decision {
  return mustBeStaffOf(viewer, departmentId, 'Only staff of the department that owns this incident can change it.');
}

/**
 * Posting updates, linking tickets, resolving: staff of the owning department (any staff for an
 * incident without one) who may work every ticket linked to it, since the action writes on each.
 */
export function canManage(viewer: Viewer, incident: Pick<IncidentRow, 'departmentId'>, linkedTickets: readonly LinkedTicket[]): Decision {
  return all(
    () => canCreate(viewer, incident.departmentId),
    () =>
      linkedTickets.every((ticket) => ticketPolicy.works(viewer, ticket))
        ? ALLOW
        : refuse(ErrorCode.FORBIDDEN, 'This incident links tickets you do not work on; only staff who may work all of them can change it.'),
  );
}
