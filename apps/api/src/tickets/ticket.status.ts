// The ticket status machine. Every status change in the product goes through assertTransition.
import type { TicketStatus } from '@studentdesk/db';
import { badInput } from '../errors.js';

const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  NEW: ['OPEN', 'WAITING_ON_STUDENT', 'RESOLVED'],
  OPEN: ['WAITING_ON_STUDENT', 'RESOLVED'],
  WAITING_ON_STUDENT: ['OPEN', 'RESOLVED'],
  RESOLVED: ['CLOSED', 'OPEN'],
  CLOSED: ['OPEN'],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (!canTransition(from, to)) {
    throw badInput(`A ${describe(from)} ticket cannot become ${describe(to)}.`, 'status');
  }
}

/** Whether the ticket counts as finished for students (rating allowed, replies need a reopen). */
export function isResolved(status: TicketStatus): boolean {
  return status === 'RESOLVED' || status === 'CLOSED';
}

function describe(status: TicketStatus): string {
  return status.toLowerCase().replaceAll('_', ' ');
}
