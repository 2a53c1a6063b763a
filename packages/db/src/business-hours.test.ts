import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  addSlaMinutes,
  businessMinutesBetween,
  localDateKey,
  slaMinutesBetween,
  type BusinessCalendar,
} from './business-hours.js';

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

describe('holidays', () => {
  const withHolidays = (...dates: string[]) => ({ ...amsterdam, holidays: new Set(dates) });

  it('skips a holiday as if it were a weekend day', () => {
    // Tuesday 16:00 local + 2 h: 1 h Tuesday; Wednesday is a holiday; 1 h Thursday from 09:00.
    const due = addBusinessMinutes(new Date('2026-03-10T15:00:00Z'), 120, withHolidays('2026-03-11'));
    expect(due.toISOString()).toBe('2026-03-12T09:00:00.000Z');
  });

  it('skips a holiday that spans a weekend (Friday to Monday) in one go', () => {
    // Thursday 2026-04-02 16:30 local (UTC+2) + 1 h: 30 min Thursday, then Good Friday, the weekend and
    // Easter Monday are closed, so the rest runs Tuesday from 09:00.
    const due = addBusinessMinutes(
      new Date('2026-04-02T14:30:00Z'),
      60,
      withHolidays('2026-04-03', '2026-04-04', '2026-04-05', '2026-04-06'),
    );
    expect(due.toISOString()).toBe('2026-04-07T07:30:00.000Z');
  });

  it('reads the holiday on the local date, not the UTC one', () => {
    // 23:30Z on Sunday 15 March is already Monday 00:30 in Amsterdam; Monday is a holiday.
    const due = addBusinessMinutes(new Date('2026-03-15T23:30:00Z'), 60, withHolidays('2026-03-16'));
    expect(due.toISOString()).toBe('2026-03-17T09:00:00.000Z');
  });

  it('ignores holidays for a clock that runs around the clock', () => {
    const due = addSlaMinutes(new Date('2026-03-10T15:00:00Z'), 120, withHolidays('2026-03-10', '2026-03-11'), false);
    expect(due.toISOString()).toBe('2026-03-10T17:00:00.000Z');
  });

  it('gives up on a calendar that is closed for two years rather than looping', () => {
    const everyDay = Array.from({ length: 800 }, (_, day) => localDateKey(new Date(Date.UTC(2026, 0, 1 + day, 12)), 'Europe/Amsterdam'));
    expect(() => addBusinessMinutes(new Date('2026-01-01T12:00:00Z'), 60, withHolidays(...everyDay))).toThrow(/No working time/);
  });
});

describe('daylight-saving changes', () => {
  it('follows the local clock across the autumn change', () => {
    // Friday 2026-10-23 16:00 CEST (14:00Z) + 2 h: 1 h Friday, 1 h Monday 26 October from 09:00 CET (08:00Z).
    const due = addBusinessMinutes(new Date('2026-10-23T14:00:00Z'), 120, amsterdam);
    expect(due.toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });

  it('measures a night shift across the spring change by the hours the clock really ran', () => {
    // Open 00:00–06:00 local; on 29 March 2026 02:00 jumps to 03:00, so that day has 5 real hours.
    const night: BusinessCalendar = { ...amsterdam, businessDayStart: 0, businessDayEnd: 360, businessDays: [7] };
    expect(businessMinutesBetween(new Date('2026-03-28T23:00:00Z'), new Date('2026-03-29T04:00:00Z'), night)).toBe(300);
  });
});

describe('businessMinutesBetween (pausing a clock)', () => {
  it('counts only working time in a pause that spans a night', () => {
    // Tuesday 15:00 local to Wednesday 11:00 local: 2 h Tuesday + 2 h Wednesday.
    expect(businessMinutesBetween(new Date('2026-03-10T14:00:00Z'), new Date('2026-03-11T10:00:00Z'), amsterdam)).toBe(240);
  });

  it('counts nothing for a pause over a weekend and a holiday', () => {
    // Friday 17:30 local to Tuesday 08:45 local, Monday a holiday.
    const calendar = { ...amsterdam, holidays: new Set(['2026-03-16']) };
    expect(businessMinutesBetween(new Date('2026-03-13T16:30:00Z'), new Date('2026-03-17T07:45:00Z'), calendar)).toBe(0);
  });

  it('is the inverse of addBusinessMinutes across days, weekends and holidays', () => {
    const calendar = { ...amsterdam, holidays: new Set(['2026-03-12', '2026-03-13']) };
    const start = new Date('2026-03-10T12:17:00Z');
    for (const minutes of [1, 59, 299, 480, 1000, 2400]) {
      const due = addBusinessMinutes(start, minutes, calendar);
      expect([minutes, businessMinutesBetween(start, due, calendar)]).toEqual([minutes, minutes]);
    }
  });

  it('is 0 when the end is not after the start, and wall time for an around-the-clock policy', () => {
    const start = new Date('2026-03-14T10:00:00Z');
    expect(businessMinutesBetween(start, start, amsterdam)).toBe(0);
    expect(slaMinutesBetween(start, new Date('2026-03-15T10:00:00Z'), amsterdam, false)).toBe(1440);
    expect(slaMinutesBetween(start, new Date('2026-03-15T10:00:00Z'), amsterdam, true)).toBe(0);
  });
});
