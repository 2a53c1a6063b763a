import { TicketStatus } from '@studentdesk/domain';
import { describe, expect, it } from 'vitest';
import { expectationInWords, handlerInWords, statusInWords, whenInWords, type TicketPromise } from './words.js';

const now = new Date(2026, 10, 24, 14, 30); // Tuesday 24 November 2026, 14:30 local time

/** A ticket's promise as the API sends it: every field present, null when empty. */
const ticket = (fields: Partial<TicketPromise>): TicketPromise => ({
  status: TicketStatus.NEW,
  firstResponseDueAt: null,
  resolutionDueAt: null,
  firstRespondedAt: null,
  resolvedAt: null,
  assignee: null,
  ...fields,
});

describe('times in words', () => {
  it('says today, tomorrow, a weekday within the week, or the date', () => {
    expect(whenInWords(new Date(2026, 10, 24, 16, 0).toISOString(), now)).toBe('today 16:00');
    expect(whenInWords(new Date(2026, 10, 25, 10, 0).toISOString(), now)).toBe('tomorrow 10:00');
    expect(whenInWords(new Date(2026, 10, 27, 9, 5).toISOString(), now)).toBe('Friday 09:05');
    expect(whenInWords(new Date(2026, 11, 2, 10, 0).toISOString(), now)).toBe('Wed 2 Dec 10:00');
  });

  it('promises a reply until staff answered, then a solution', () => {
    const due = {
      firstResponseDueAt: new Date(2026, 10, 25, 10, 0).toISOString(),
      resolutionDueAt: new Date(2026, 10, 27, 16, 0).toISOString(),
    };
    expect(expectationInWords(ticket({ status: TicketStatus.NEW, ...due }), now)).toBe('We aim to reply by tomorrow 10:00.');
    expect(expectationInWords(ticket({ status: TicketStatus.OPEN, ...due, firstRespondedAt: now.toISOString() }), now)).toBe(
      'We aim to solve it by Friday 16:00.',
    );
  });

  it('owns up to a missed promise', () => {
    expect(expectationInWords(ticket({ firstResponseDueAt: new Date(2026, 10, 24, 9, 0).toISOString() }), now)).toBe(
      'We aimed to reply by today 09:00. Sorry for the wait: it is being chased.',
    );
  });

  it('says who handles it, or handled it', () => {
    const jonas = { id: 'u1', name: 'Jonas Weber' };
    expect(handlerInWords(ticket({ status: TicketStatus.OPEN, assignee: jonas }))).toBe('Jonas Weber is handling it.');
    expect(handlerInWords(ticket({ status: TicketStatus.RESOLVED, assignee: jonas }))).toBe('Jonas Weber handled it.');
    expect(handlerInWords(ticket({ status: TicketStatus.NEW }))).toBe('Waiting for someone to pick it up.');
  });

  it('says where the ticket is in a student’s words, and promises nothing once it is resolved', () => {
    expect(statusInWords(TicketStatus.WAITING_ON_STUDENT)).toBe('Waiting for your answer');
    expect(expectationInWords(ticket({ status: TicketStatus.WAITING_ON_STUDENT }), now)).toBe('We are waiting for your answer.');
    expect(expectationInWords(ticket({ status: TicketStatus.CLOSED, resolvedAt: new Date(2026, 10, 23, 9, 0).toISOString() }), now)).toBe(
      'Resolved yesterday 09:00.',
    );
  });
});
