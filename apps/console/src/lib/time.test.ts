import { describe, expect, it } from 'vitest';
import { formatDuration, formatPercent, slaClock } from './time.js';

const now = Date.parse('2026-03-02T12:00:00Z');

describe('SLA clocks', () => {
  it('counts down while a target is running, flagging the last two hours', () => {
    expect(slaClock('2026-03-02T15:30:00Z', null, now)).toEqual({ state: 'running', text: '3h 30m left', soon: false });
    expect(slaClock('2026-03-02T13:05:00Z', null, now)).toEqual({ state: 'running', text: '1h 05m left', soon: true });
    // Waiting on the student stops the clock, even past the due time; a miss before the wait stays a miss.
    expect(slaClock('2026-03-02T11:00:00Z', null, now, '2026-03-02T10:00:00Z')).toEqual({
      state: 'paused',
      text: 'paused while waiting on the student',
    });
    expect(slaClock('2026-03-02T11:00:00Z', null, now, '2026-03-02T11:30:00Z').state).toBe('overdue');
  });

  it('says how long a running target is overdue', () => {
    expect(slaClock('2026-02-28T10:00:00Z', null, now)).toEqual({ state: 'overdue', text: 'overdue by 2d 2h' });
  });

  it('settles once the target is done', () => {
    expect(slaClock('2026-03-02T13:00:00Z', '2026-03-02T12:30:00Z', now)).toEqual({ state: 'met', text: 'met' });
    expect(slaClock('2026-03-02T10:00:00Z', '2026-03-02T10:12:00Z', now)).toEqual({ state: 'missed', text: 'missed by 12m' });
    expect(slaClock(null, null, now)).toEqual({ state: 'none' });
  });

  it('formats durations and shares for people', () => {
    expect(formatDuration(59_000)).toBe('1m');
    expect(formatDuration(25 * 3_600_000)).toBe('1d 1h');
    expect(formatPercent(0.666)).toBe('67%');
    expect(formatPercent(null)).toBe('—');
  });
});
