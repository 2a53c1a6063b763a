// Staff notifications are their recipient's alone: nobody else reads, marks or is told of them,
// and one about a ticket the recipient can no longer see is as if it did not exist. Following a
// ticket and marking it read are for staff working it (tickets/ticket.policy.ts).
import type { StaffNotification as NotificationRow, Ticket as TicketRow } from '@studentdesk/db';
import { ALLOW, all, mustBeStaff, refuse, viewerStaff, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';
import * as ticketPolicy from '../tickets/ticket.policy.js';

/** Notifications and their settings: every staff member, for themselves. */
export const canUse = (viewer: Viewer): Decision => mustBeStaff(viewer);

/** One notification: its recipient, while they can see its ticket. */
export function canRead(viewer: Viewer, notification: Pick<NotificationRow, 'recipientId'>, ticket: TicketRow | null): Decision {
  return all(
    () => mustBeStaff(viewer),
    () =>
      viewerStaff(viewer)?.id === notification.recipientId && ticket && ticketPolicy.works(viewer, ticket)
        ? ALLOW
        : refuse(ErrorCode.NOT_FOUND, 'There is no notification with this ID.'),
  );
}

/** Following a ticket, and marking how far one has read it: staff working it. */
export const canFollow = (viewer: Viewer, ticket: TicketRow): Decision => ticketPolicy.canWork(viewer, ticket);
