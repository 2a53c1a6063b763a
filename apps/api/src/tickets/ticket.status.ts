// The ticket status machine lives in @studentdesk/domain, shared with the web apps; here it gets
// the API's error. Every status change in the product goes through assertTransition.
import { canTransition, TICKET_STATUS_LABELS, type TicketActor, type TicketStatus } from '@studentdesk/domain';
import { badInput } from '../errors.js';

export { canTransition, isResolved } from '@studentdesk/domain';

/** BAD_USER_INPUT in plain words unless the machine allows `from` → `to` (for `by`, when given). */
export function assertTransition(from: TicketStatus, to: TicketStatus, by?: TicketActor): void {
  if (!canTransition(from, to, by)) {
    throw badInput(`A ${describe(from)} ticket cannot become ${describe(to)}.`, 'status');
  }
}

const describe = (status: TicketStatus) => TICKET_STATUS_LABELS.staff[status].toLowerCase();
