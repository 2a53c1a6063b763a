// How times and statuses read to a student: "tomorrow 10:00", "due tomorrow by 11:00", "Being worked on".
// The words themselves come from @studentdesk/domain, as in the console and the emails.
import type { ResultOf } from '@graphql-typed-document-node/core';
import { dueInWords, isResolved, momentInWords, TICKET_STATUS_LABELS, TicketStatus } from '@studentdesk/domain';
import { graphql } from './gql/index.js';

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "today 10:00", "tomorrow 10:00", "Friday 10:00" within a week, else "2 December 10:00"; in the reader's time zone unless given. */
export function whenInWords(iso: string, now = new Date(), timeZone = browserTimeZone()): string {
  return momentInWords(new Date(iso), now, timeZone);
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
    department {
      id
      timeZone
    }
  }
`);

export type TicketPromise = ResultOf<typeof TICKET_PROMISE>;

/**
 * When to expect an answer, as the desk promises it, in the department's time zone (the desk's
 * hours are kept there): "Our reply is due tomorrow by 11:00."
 */
export function expectationInWords(ticket: TicketPromise, now = new Date()): string | null {
  const { timeZone } = ticket.department;
  if (isResolved(ticket.status)) {
    return ticket.resolvedAt ? `Resolved ${whenInWords(ticket.resolvedAt, now, timeZone)}.` : 'Resolved.';
  }
  if (ticket.status === TicketStatus.WAITING_ON_STUDENT) return 'We are waiting for your answer; the clock stops until you reply.';
  const [due, what] =
    !ticket.firstRespondedAt && ticket.firstResponseDueAt
      ? [ticket.firstResponseDueAt, 'Our reply is']
      : [ticket.resolutionDueAt, 'A solution is'];
  if (!due) return null;
  const words = `${what} ${dueInWords(new Date(due), now, timeZone)}.`;
  return new Date(due) < now ? `${words} Sorry for the wait: it is being chased.` : words;
}

/** Who has the ticket: "Jonas Weber is handling it." */
export function handlerInWords(ticket: Pick<TicketPromise, 'status' | 'assignee'>): string {
  if (!ticket.assignee) return isResolved(ticket.status) ? '' : 'Waiting for someone to pick it up.';
  return isResolved(ticket.status) ? `${ticket.assignee.name} handled it.` : `${ticket.assignee.name} is handling it.`;
}

/** A status as students read it: "Being worked on". */
export const statusInWords = (status: TicketStatus) => TICKET_STATUS_LABELS.student[status];
