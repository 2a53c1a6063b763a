import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, addSlaMinutes, type BusinessCalendar } from './business-hours.js';

const amsterdam: BusinessCalendar = {
  timeZone: 'Europe/Amsterdam',
  businessDayStart: 9 * 60,
  businessDayEnd: 17 * 60,
  businessDays: [1, 2, 3, 4, 5],
};

describe('addBusinessMinutes', () => {
  it('adds within the same working day', () => {
    // Tuesday 2026-03-10 10:00 in Amsterdam (UTC+1) is 09:00Z.
    const due = addBusinessMinutes(new Date('2026-03-10T09:00:00Z'), 120, amsterdam);
    expect(due.toISOString()).toBe('2026-03-10T11:00:00.000Z');
  });

  it('carries what does not fit today into the next working morning', () => {
    // Tuesday 16:00 local + 4 h = 1 h today, 3 h Wednesday from 09:00 → Wednesday 12:00 local.
    const due = addBusinessMinutes(new Date('2026-03-10T15:00:00Z'), 240, amsterdam);
    expect(due.toISOString()).toBe('2026-03-11T11:00:00.000Z');
  });

  it('waits for Monday when reported on a Saturday night', () => {
    const due = addBusinessMinutes(new Date('2026-03-14T22:00:00Z'), 60, amsterdam);
    expect(due.toISOString()).toBe('2026-03-16T09:00:00.000Z');
  });

  it('starts the clock at opening time for a report made before opening', () => {
    const due = addBusinessMinutes(new Date('2026-03-10T05:00:00Z'), 30, amsterdam);
    expect(due.toISOString()).toBe('2026-03-10T08:30:00.000Z');
  });

  it('follows the local clock across the spring daylight-saving change', () => {
    // Friday 2026-03-27 16:00 CET (15:00Z) + 2 h: 1 h Friday, 1 h Monday 30 March from 09:00 CEST (07:00Z).
    const due = addBusinessMinutes(new Date('2026-03-27T15:00:00Z'), 120, amsterdam);
    expect(due.toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('spans a long weekend of five working days for a 40-hour resolution target', () => {
    const due = addBusinessMinutes(new Date('2026-03-09T08:00:00Z'), 40 * 60, amsterdam);
    expect(due.toISOString()).toBe('2026-03-13T16:00:00.000Z');
  });

  it('treats a calendar without working days as always open', () => {
    const due = addBusinessMinutes(new Date('2026-03-14T22:00:00Z'), 60, { ...amsterdam, businessDays: [] });
    expect(due.toISOString()).toBe('2026-03-14T23:00:00.000Z');
  });
});

describe('addSlaMinutes', () => {
  it('runs around the clock when the policy is not limited to business hours', () => {
    const due = addSlaMinutes(new Date('2026-03-14T22:00:00Z'), 60, amsterdam, false);
    expect(due.toISOString()).toBe('2026-03-14T23:00:00.000Z');
  });
});
