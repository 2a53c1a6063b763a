// How times and statuses read to a student: "tomorrow 10:00", "Being worked on".
import type { TicketStatus } from './gql/graphql.js';

const DAY_MS = 86_400_000;

const startOfDay = (date: Date) => new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
const time = (date: Date) => date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** "today 10:00", "tomorrow 10:00", "Friday 10:00" within a week, else "Tue 2 Dec 10:00". */
export function whenInWords(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const days = Math.round((startOfDay(date) - startOfDay(now)) / DAY_MS);
  if (days === 0) return `today ${time(date)}`;
  if (days === 1) return `tomorrow ${time(date)}`;
  if (days === -1) return `yesterday ${time(date)}`;
  if (days > 1 && days < 7) return `${date.toLocaleDateString('en-GB', { weekday: 'long' })} ${time(date)}`;
  return `${date.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' })} ${time(date)}`;
}

export interface TicketTimes {
  status: TicketStatus;
  firstResponseDueAt?: string | null;
  resolutionDueAt?: string | null;
  firstRespondedAt?: string | null;
  resolvedAt?: string | null;
}

/** When to expect an answer, as the desk promises it: "We aim to reply by tomorrow 10:00." */
export function expectationInWords(ticket: TicketTimes, now = new Date()): string | null {
  if (ticket.status === 'RESOLVED' || ticket.status === 'CLOSED') {
    return ticket.resolvedAt ? `Resolved ${whenInWords(ticket.resolvedAt, now)}.` : 'Resolved.';
  }
  if (ticket.status === 'WAITING_ON_STUDENT') return 'We are waiting for your answer.';
  const [due, what] =
    !ticket.firstRespondedAt && ticket.firstResponseDueAt ? [ticket.firstResponseDueAt, 'reply'] : [ticket.resolutionDueAt, 'solve it'];
  if (!due) return null;
  return new Date(due) < now
    ? `We aimed to ${what} by ${whenInWords(due, now)}. Sorry for the wait: it is being chased.`
    : `We aim to ${what} by ${whenInWords(due, now)}.`;
}

/** Who has the ticket: "Jonas Weber is handling it." */
export function handlerInWords(ticket: { status: TicketStatus; assignee?: { name: string } | null }): string {
  if (!ticket.assignee) return ticket.status === 'RESOLVED' || ticket.status === 'CLOSED' ? '' : 'Waiting for someone to pick it up.';
  return ticket.status === 'RESOLVED' || ticket.status === 'CLOSED'
    ? `${ticket.assignee.name} handled it.`
    : `${ticket.assignee.name} is handling it.`;
}

export const STATUS_WORDS: Record<TicketStatus, string> = {
  NEW: 'Received',
  OPEN: 'Being worked on',
  WAITING_ON_STUDENT: 'Waiting for your answer',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed',
};
