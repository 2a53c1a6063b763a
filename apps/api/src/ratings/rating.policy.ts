// Who may see and give a ticket's rating: whoever reads the ticket sees it (an API key also needs
// `ratings:read`); only the student it was resolved for gives it, once.
import type { Ticket as TicketRow } from '@studentdesk/db';
import { ALLOW, all, keyNeedsScope, refuse, type Decision, type TrackingGrants, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';
import * as ticketPolicy from '../tickets/ticket.policy.js';

type RatedTicket = Parameters<typeof ticketPolicy.canRead>[1];

export function canRead(viewer: Viewer, ticket: RatedTicket, trackingGrants?: TrackingGrants): Decision {
  return all(
    () => keyNeedsScope(viewer, 'ratings:read'),
    () => ticketPolicy.canRead(viewer, ticket, trackingGrants),
  );
}

/** The resolver's prediction beside the rating: staff working the ticket, as on the ticket itself. */
export const seesPrediction = (viewer: Viewer, ticket: Pick<TicketRow, 'departmentId' | 'assigneeId'>): boolean =>
  ticketPolicy.seesInternal(viewer, ticket);

/** The requester, or the holder of the tracking code; not staff, not an integration. */
export function canRate(viewer: Viewer, ticket: RatedTicket, trackingGrants?: TrackingGrants): Decision {
  return all(
    () => ticketPolicy.canTakePart(viewer, ticket, trackingGrants),
    () =>
      ticketPolicy.ticketAccess(viewer, ticket, trackingGrants) === 'staff'
        ? refuse(ErrorCode.FORBIDDEN, 'Only the student who reported the ticket can rate it.')
        : ALLOW,
  );
}
