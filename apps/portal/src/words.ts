// How times and statuses read to a student: "tomorrow 10:00", "due tomorrow by 11:00", "Being worked on",
// in the page's language. Day and due phrases come from @studentdesk/domain, as in the console and the emails.
import type { ResultOf } from '@graphql-typed-document-node/core';
import { dueInWords, isLanguage, isResolved, momentInWords, TicketStatus, type Language } from '@studentdesk/domain';
import { graphql } from './gql/index.js';
import { say, type IntlShape } from './i18n/say.js';

const languageOf = (intl: IntlShape): Language => (isLanguage(intl.locale) ? intl.locale : 'en');

/**
 * "today 10:00", "tomorrow 10:00", "Friday 10:00" within a week, else "2 December 10:00"; in the
 * given time zone, else the page's (the school's), else the reader's.
 */
export function whenInWords(iso: string, intl: IntlShape, now = new Date(), timeZone = intl.timeZone): string {
  return momentInWords(new Date(iso), now, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, languageOf(intl));
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
export function expectationInWords(ticket: TicketPromise, intl: IntlShape, now = new Date()): string | null {
  const { timeZone } = ticket.department;
  if (isResolved(ticket.status)) {
    return ticket.resolvedAt
      ? say(intl, 'promise.resolvedAt', { when: whenInWords(ticket.resolvedAt, intl, now, timeZone) })
      : say(intl, 'promise.resolved');
  }
  if (ticket.status === TicketStatus.WAITING_ON_STUDENT) return say(intl, 'promise.waiting');
  const [due, what] =
    !ticket.firstRespondedAt && ticket.firstResponseDueAt
      ? ([ticket.firstResponseDueAt, 'promise.reply'] as const)
      : ([ticket.resolutionDueAt, 'promise.solution'] as const);
  if (!due) return null;
  const promise = say(intl, what, { due: dueInWords(new Date(due), now, timeZone, languageOf(intl)) });
  return new Date(due) < now ? say(intl, 'promise.late', { promise }) : promise;
}

/** Who has the ticket: "Jonas Weber is handling it." */
export function handlerInWords(ticket: Pick<TicketPromise, 'status' | 'assignee'>, intl: IntlShape): string {
  // Only a new ticket waits to be picked up: once staff answered (OPEN, or waiting on the student),
  // the desk has it, even before one person is assigned.
  if (!ticket.assignee)
    return ticket.status === TicketStatus.NEW ? say(intl, 'handler.waiting') : isResolved(ticket.status) ? '' : say(intl, 'handler.desk');
  return say(intl, isResolved(ticket.status) ? 'handler.handled' : 'handler.handling', { name: ticket.assignee.name });
}

/** What a ticket's list entry needs of its latest message, to say who acted last. */
export const LAST_MESSAGE = graphql(`
  fragment LastMessage on Message {
    body
    createdAt
    automated
    author {
      id
      name
    }
  }
`);

export type LastMessage = ResultOf<typeof LAST_MESSAGE>;

/** The start of a message, whole words up to about `max` characters: "Could you send your student…". */
export function firstWords(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : flat.slice(0, max)).replace(/[\s,.;:!?]+$/, '')}…`;
}

/**
 * A ticket in one line of plain words: its status and who acted last, with the first words of a
 * staff message: "Waiting for your answer — Jonas Weber asked: “Could you send your student…”".
 * `viewerId` tells the student's own messages apart.
 */
export function statusLineInWords(
  ticket: { status: TicketStatus; createdAt: string },
  last: LastMessage | null | undefined,
  viewerId: string | undefined,
  intl: IntlShape,
  now = new Date(),
): string {
  const status = statusInWords(ticket.status, intl);
  if (!last) return say(intl, 'line.reported', { status, when: whenInWords(ticket.createdAt, intl, now) });
  if (!last.automated && (!last.author || last.author.id === viewerId)) {
    return say(intl, 'line.youWrote', { status, when: whenInWords(last.createdAt, intl, now) });
  }
  const words = firstWords(last.body);
  if (!last.author) return say(intl, 'line.desk', { status, words });
  const name = last.author.name;
  return say(intl, ticket.status === TicketStatus.WAITING_ON_STUDENT ? 'line.asked' : 'line.wrote', { status, name, words });
}

/** A status as students read it: "Being worked on". */
export const statusInWords = (status: TicketStatus, intl: IntlShape) => say(intl, `status.${status}`);
