import { describe, expect, it } from 'vitest';
import { expectationInWords, handlerInWords, whenInWords } from './words.js';

const now = new Date(2026, 10, 24, 14, 30); // Tuesday 24 November 2026, 14:30 local time

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
    expect(expectationInWords({ status: 'NEW', ...due }, now)).toBe('We aim to reply by tomorrow 10:00.');
    expect(expectationInWords({ status: 'OPEN', ...due, firstRespondedAt: now.toISOString() }, now)).toBe(
      'We aim to solve it by Friday 16:00.',
    );
  });

  it('owns up to a missed promise', () => {
    expect(expectationInWords({ status: 'NEW', firstResponseDueAt: new Date(2026, 10, 24, 9, 0).toISOString() }, now)).toBe(
      'We aimed to reply by today 09:00. Sorry for the wait: it is being chased.',
    );
  });

  it('says who handles it, or handled it', () => {
    expect(handlerInWords({ status: 'OPEN', assignee: { name: 'Jonas Weber' } })).toBe('Jonas Weber is handling it.');
    expect(handlerInWords({ status: 'RESOLVED', assignee: { name: 'Jonas Weber' } })).toBe('Jonas Weber handled it.');
    expect(handlerInWords({ status: 'NEW', assignee: null })).toBe('Waiting for someone to pick it up.');
  });
});
