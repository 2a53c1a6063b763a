// How times and statuses read to a student: "tomorrow 10:00", "Being worked on".
import type { ResultOf } from '@graphql-typed-document-node/core';
import { isResolved, TICKET_STATUS_LABELS, TicketStatus } from '@studentdesk/domain';
import { graphql } from './gql/index.js';

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

/** What a ticket's promise to the student is made of; every list or page showing it spreads this fragment. */
export const TICKET_PROMISE = graphql(`
  fragment TicketPromise on Ticket {
    status
    firstResponseDueAt
    resolutionDueAt
    firstRespondedAt
    resolvedAt
    assignee {
      id
      name
    }
  }
`);

export type TicketPromise = ResultOf<typeof TICKET_PROMISE>;

/** When to expect an answer, as the desk promises it: "We aim to reply by tomorrow 10:00." */
export function expectationInWords(ticket: TicketPromise, now = new Date()): string | null {
  if (isResolved(ticket.status)) {
    return ticket.resolvedAt ? `Resolved ${whenInWords(ticket.resolvedAt, now)}.` : 'Resolved.';
  }
  if (ticket.status === TicketStatus.WAITING_ON_STUDENT) return 'We are waiting for your answer.';
  const [due, what] =
    !ticket.firstRespondedAt && ticket.firstResponseDueAt ? [ticket.firstResponseDueAt, 'reply'] : [ticket.resolutionDueAt, 'solve it'];
  if (!due) return null;
  return new Date(due) < now
    ? `We aimed to ${what} by ${whenInWords(due, now)}. Sorry for the wait: it is being chased.`
    : `We aim to ${what} by ${whenInWords(due, now)}.`;
}

/** Who has the ticket: "Jonas Weber is handling it." */
export function handlerInWords(ticket: Pick<TicketPromise, 'status' | 'assignee'>): string {
  if (!ticket.assignee) return isResolved(ticket.status) ? '' : 'Waiting for someone to pick it up.';
  return isResolved(ticket.status) ? `${ticket.assignee.name} handled it.` : `${ticket.assignee.name} is handling it.`;
}

/** A status as students read it: "Being worked on". */
export const statusInWords = (status: TicketStatus) => TICKET_STATUS_LABELS.student[status];
