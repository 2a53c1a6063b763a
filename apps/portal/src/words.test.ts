import { TicketStatus } from '@studentdesk/domain';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { ENGLISH } from './i18n/catalogs.js';
import arabic from './i18n/messages/ar.json';
import spanish from './i18n/messages/es.json';
import {
  expectationInWords,
  firstWords,
  handlerInWords,
  statusInWords,
  statusLineInWords,
  whenInWords,
  type LastMessage,
  type TicketPromise,
} from './words.js';

const english = createIntl({ locale: 'en', messages: ENGLISH });

const AMSTERDAM = 'Europe/Amsterdam';
const now = new Date('2026-11-24T13:30:00Z'); // Tuesday 24 November 2026, 14:30 in Amsterdam (UTC+1)
const at = (local: string) => new Date(`${local}+01:00`).toISOString();

/** A ticket's promise as the API sends it: every field present, null when empty. */
const ticket = (fields: Partial<TicketPromise>): TicketPromise => ({
  status: TicketStatus.NEW,
  firstResponseDueAt: null,
  resolutionDueAt: null,
  firstRespondedAt: null,
  resolvedAt: null,
  assignee: null,
  department: { id: 'd1', timeZone: AMSTERDAM },
  ...fields,
});

describe('times in words', () => {
  it('says today, tomorrow, a weekday within the week, or the date', () => {
    expect(whenInWords(at('2026-11-24T16:00'), english, now, AMSTERDAM)).toBe('today 16:00');
    expect(whenInWords(at('2026-11-25T10:00'), english, now, AMSTERDAM)).toBe('tomorrow 10:00');
    expect(whenInWords(at('2026-11-27T09:05'), english, now, AMSTERDAM)).toBe('Friday 09:05');
    expect(whenInWords(at('2026-12-02T10:00'), english, now, AMSTERDAM)).toBe('2 December 10:00');
    expect(whenInWords(at('2026-11-25T10:00'), english, now, 'America/New_York')).toBe('tomorrow 04:00');
  });

  it('promises a reply until staff answered, then a solution, in the department’s time zone', () => {
    const due = { firstResponseDueAt: at('2026-11-25T10:00'), resolutionDueAt: at('2026-11-27T16:00') };
    expect(expectationInWords(ticket({ status: TicketStatus.NEW, ...due }), english, now)).toBe('Our reply is due tomorrow by 10:00.');
    expect(expectationInWords(ticket({ status: TicketStatus.OPEN, ...due, firstRespondedAt: now.toISOString() }), english, now)).toBe(
      'A solution is due Friday by 16:00.',
    );
  });

  it('owns up to a missed promise', () => {
    expect(expectationInWords(ticket({ firstResponseDueAt: at('2026-11-24T09:00') }), english, now)).toBe(
      'Our reply is overdue since 09:00. Sorry for the wait: it is being chased.',
    );
  });

  it('says who handles it, or handled it', () => {
    const jonas = { id: 'u1', name: 'Jonas Weber' };
    expect(handlerInWords(ticket({ status: TicketStatus.OPEN, assignee: jonas }), english)).toBe('Jonas Weber is handling it.');
    expect(handlerInWords(ticket({ status: TicketStatus.RESOLVED, assignee: jonas }), english)).toBe('Jonas Weber handled it.');
    expect(handlerInWords(ticket({ status: TicketStatus.NEW }), english)).toBe('Waiting for someone to pick it up.');
    // Answered before anyone took it: no longer waiting to be picked up.
    expect(handlerInWords(ticket({ status: TicketStatus.OPEN }), english)).toBe('The help desk is on it.');
    expect(handlerInWords(ticket({ status: TicketStatus.WAITING_ON_STUDENT }), english)).toBe('The help desk is on it.');
  });

  it('says where the ticket is in a student’s words, and promises nothing once it is resolved', () => {
    expect(statusInWords(TicketStatus.WAITING_ON_STUDENT, english)).toBe('Waiting for your answer');
    expect(expectationInWords(ticket({ status: TicketStatus.WAITING_ON_STUDENT }), english, now)).toBe(
      'We are waiting for your answer; the clock stops until you reply.',
    );
    expect(expectationInWords(ticket({ status: TicketStatus.CLOSED, resolvedAt: at('2026-11-23T09:00') }), english, now)).toBe(
      'Resolved yesterday 09:00.',
    );
  });
});

describe('a ticket in one line', () => {
  const jonas = { id: 'u-jonas', name: 'Jonas Weber' };
  const message = (fields: Partial<LastMessage>): LastMessage => ({
    body: 'Could you send your student number? It is on the back of your card.',
    createdAt: at('2026-11-24T10:00'),
    automated: false,
    author: jonas,
    ...fields,
  });
  // Times read in the page's time zone: the school's.
  const school = createIntl({ locale: 'en', messages: ENGLISH, timeZone: AMSTERDAM });
  const line = (status: TicketStatus, last: LastMessage | null, intl = school) =>
    statusLineInWords({ status, createdAt: at('2026-11-23T09:00') }, last, 'u-amara', intl, now);

  it('says what staff asked while waiting on the student, in their first words', () => {
    expect(line(TicketStatus.WAITING_ON_STUDENT, message({}))).toBe(
      'Waiting for your answer — Jonas Weber asked: “Could you send your student number? It is on the back of…”',
    );
    expect(line(TicketStatus.OPEN, message({ body: 'Looking into it.' }))).toBe('Being worked on — Jonas Weber wrote: “Looking into it.”');
    expect(line(TicketStatus.OPEN, message({ author: null, automated: true, body: 'Any news?' }))).toBe(
      'Being worked on — the help desk wrote: “Any news?”',
    );
  });

  it('says when the student acted last, or reported it', () => {
    expect(line(TicketStatus.OPEN, message({ author: { id: 'u-amara', name: 'Amara Okafor' } }))).toBe(
      'Being worked on — you wrote last, today 10:00',
    );
    expect(line(TicketStatus.NEW, null)).toBe('Received — you reported it yesterday 09:00');
  });

  it('cuts a message at a word, never mid-word, and keeps short ones whole', () => {
    expect(firstWords('Short  and\nsweet')).toBe('Short and sweet');
    expect(firstWords('Supercalifragilistic expialidocious words', 25)).toBe('Supercalifragilistic…');
    expect(firstWords('x'.repeat(80), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});

describe('in the student’s language', () => {
  it('says the promise and who handles it in Spanish and Arabic, in the department’s time zone', () => {
    const es = createIntl({ locale: 'es', messages: spanish });
    const ar = createIntl({ locale: 'ar', messages: arabic });
    const due = { firstResponseDueAt: at('2026-11-25T10:00') };
    expect(expectationInWords(ticket(due), es, now)).toBe('Nuestra respuesta: para mañana antes de las 10:00.');
    expect(expectationInWords(ticket(due), ar, now)).toBe('ردّنا مستحق غدًا قبل 10:00.');
    expect(handlerInWords(ticket({ status: TicketStatus.OPEN, assignee: { id: 'u1', name: 'Jonas Weber' } }), ar)).toBe(
      'يتولاه Jonas Weber.',
    );
    expect(statusInWords(TicketStatus.RESOLVED, es)).toBe('Resuelta');
  });
});
