import { describe, expect, it } from 'vitest';
import { dueInWords, momentInWords } from './due-in-words.js';

const AMSTERDAM = 'Europe/Amsterdam';
// Tuesday 10 March 2026, 10:00 in Amsterdam (UTC+1).
const now = new Date('2026-03-10T09:00:00Z');

describe('dueInWords', () => {
  it.each([
    ['later today', '2026-03-10T15:00:00Z', 'due today by 16:00'],
    ['tomorrow', '2026-03-11T10:00:00Z', 'due tomorrow by 11:00'],
    ['later this week', '2026-03-13T08:30:00Z', 'due Friday by 09:30'],
    ['next Monday, six days on', '2026-03-16T08:30:00Z', 'due Monday by 09:30'],
    ['a week or more away', '2026-03-17T09:00:00Z', 'due 17 March by 10:00'],
    ['next year', '2027-01-14T09:00:00Z', 'due 14 January 2027 by 10:00'],
    ['passed earlier today', '2026-03-10T08:20:00Z', 'overdue since 09:20'],
    ['passed yesterday', '2026-03-09T14:20:00Z', 'overdue since yesterday 15:20'],
    ['passed long ago', '2026-02-27T14:20:00Z', 'overdue since 27 February 15:20'],
  ])('%s', (_name, due, words) => {
    expect(dueInWords(new Date(due), now, AMSTERDAM)).toBe(words);
  });

  it('counts days on the local calendar, not in 24-hour steps', () => {
    // 23:30 local tonight to 00:30 local: one hour later, but tomorrow.
    const lateEvening = new Date('2026-03-10T22:30:00Z');
    expect(dueInWords(new Date('2026-03-10T23:30:00Z'), lateEvening, AMSTERDAM)).toBe('due tomorrow by 00:30');
    // The same instant is still "today" in New York.
    expect(dueInWords(new Date('2026-03-10T23:30:00Z'), lateEvening, 'America/New_York')).toBe('due today by 19:30');
  });

  it('tells the local time across a daylight-saving change', () => {
    // Saturday 28 March 12:00 CET; due Monday 30 March 09:00 CEST (07:00Z), after clocks went forward.
    expect(dueInWords(new Date('2026-03-30T07:00:00Z'), new Date('2026-03-28T11:00:00Z'), AMSTERDAM)).toBe('due Monday by 09:00');
    // The autumn change: Sunday 25 October has 25 hours; Monday 09:00 CET is 08:00Z.
    expect(dueInWords(new Date('2026-10-26T08:00:00Z'), new Date('2026-10-25T10:00:00Z'), AMSTERDAM)).toBe('due tomorrow by 09:00');
  });

  it('is due, not overdue, at the very minute', () => {
    expect(dueInWords(now, now, AMSTERDAM)).toBe('due today by 10:00');
  });
});

describe('momentInWords', () => {
  it('says past and future moments with the same day words', () => {
    expect(momentInWords(new Date('2026-03-09T07:05:00Z'), now, AMSTERDAM)).toBe('yesterday 08:05');
    expect(momentInWords(new Date('2026-03-12T07:05:00Z'), now, 'UTC')).toBe('Thursday 07:05');
  });
});

describe('in other languages', () => {
  it('says the same promise with the language’s words, and month names', () => {
    const due = new Date('2026-03-11T10:00:00Z');
    expect(dueInWords(due, now, AMSTERDAM, 'es')).toBe('para mañana antes de las 11:00');
    expect(dueInWords(due, now, AMSTERDAM, 'fr')).toBe('attendue demain avant 11:00');
    expect(dueInWords(due, now, AMSTERDAM, 'zh-Hans')).toBe('应于明天 11:00前完成');
    expect(dueInWords(due, now, AMSTERDAM, 'ar')).toBe('مستحق غدًا قبل 11:00');
    expect(momentInWords(new Date('2026-03-17T09:00:00Z'), now, AMSTERDAM, 'es')).toBe('17 de marzo 10:00');
    expect(momentInWords(new Date('2026-03-17T09:00:00Z'), now, AMSTERDAM, 'ar')).toBe('17 مارس 10:00');
  });
});
