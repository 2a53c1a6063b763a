// A department's working calendar: SLA clocks that say "4 business hours" only run inside it.
// Both directions of the arithmetic (adding working time, measuring it) walk the same working
// intervals (workingIntervals), so they cannot disagree about a weekend, a holiday or DST.
import { TZDate } from '@date-fns/tz';

export interface BusinessCalendar {
  /** IANA zone, e.g. "Europe/Amsterdam". */
  timeZone: string;
  /** Minutes after local midnight when the working day starts (540 = 09:00). */
  businessDayStart: number;
  /** Minutes after local midnight when it ends (1020 = 17:00). */
  businessDayEnd: number;
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). */
  businessDays: number[];
  /** Local dates ("2026-12-25") on which the desk is closed all day. */
  holidays?: ReadonlySet<string>;
}

const MINUTE = 60_000;
/** Days in a row without any working time after which a calendar is taken to be broken. */
const MAX_CLOSED_DAYS = 366 * 2;

interface LocalDay {
  year: number;
  month: number;
  day: number;
  isoWeekday: number;
  minuteOfDay: number;
}

function localDay(instant: Date, timeZone: string): LocalDay {
  const local = new TZDate(instant.getTime(), timeZone);
  return {
    year: local.getFullYear(),
    month: local.getMonth(),
    day: local.getDate(),
    isoWeekday: local.getDay() === 0 ? 7 : local.getDay(),
    minuteOfDay: local.getHours() * 60 + local.getMinutes() + local.getSeconds() / 60,
  };
}

function dayKey({ year, month, day }: LocalDay): string {
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The local date of an instant as holidays are kept ("2026-12-25"). */
export function localDateKey(instant: Date, timeZone: string): string {
  return dayKey(localDay(instant, timeZone));
}

function localInstant(day: LocalDay, minuteOfDay: number, timeZone: string): Date {
  return new Date(new TZDate(day.year, day.month, day.day, 0, minuteOfDay, timeZone).getTime());
}

function nextLocalMidnight(day: LocalDay, timeZone: string): Date {
  return new Date(new TZDate(day.year, day.month, day.day + 1, 0, 0, timeZone).getTime());
}

/** Whether a calendar has any working time at all; one without is treated as always open. */
function hasWorkingTime(calendar: BusinessCalendar): boolean {
  return calendar.businessDays.length > 0 && calendar.businessDayEnd > calendar.businessDayStart;
}

function isWorkingDay(day: LocalDay, calendar: BusinessCalendar): boolean {
  if (!calendar.businessDays.includes(day.isoWeekday)) return false;
  return !calendar.holidays?.has(dayKey(day));
}

/** The stretches of working time from `start` on, in order; the first may begin mid-day. */
function* workingIntervals(start: Date, calendar: BusinessCalendar): Generator<{ from: number; to: number }> {
  let cursor = start;
  for (let closedDays = 0; closedDays < MAX_CLOSED_DAYS; closedDays += 1) {
    const day = localDay(cursor, calendar.timeZone);
    if (isWorkingDay(day, calendar) && day.minuteOfDay < calendar.businessDayEnd) {
      const from = day.minuteOfDay >= calendar.businessDayStart ? cursor : localInstant(day, calendar.businessDayStart, calendar.timeZone);
      yield { from: from.getTime(), to: localInstant(day, calendar.businessDayEnd, calendar.timeZone).getTime() };
      closedDays = -1;
    }
    cursor = nextLocalMidnight(day, calendar.timeZone);
  }
  throw new Error(`No working time found within two years for calendar ${JSON.stringify({ ...calendar, holidays: undefined })}`);
}

/** The instant `minutes` of working time after `start`. */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  if (!hasWorkingTime(calendar)) return new Date(start.getTime() + minutes * MINUTE);
  let remaining = minutes * MINUTE;
  for (const { from, to } of workingIntervals(start, calendar)) {
    if (remaining <= to - from) return new Date(from + remaining);
    remaining -= to - from;
  }
  throw new Error('unreachable: workingIntervals ends by throwing');
}

/** How many minutes of working time lie between `from` and `until` (0 when `until` is not later). */
export function businessMinutesBetween(from: Date, until: Date, calendar: BusinessCalendar): number {
  if (until <= from) return 0;
  if (!hasWorkingTime(calendar)) return (until.getTime() - from.getTime()) / MINUTE;
  let total = 0;
  for (const interval of workingIntervals(from, calendar)) {
    if (interval.from >= until.getTime()) break;
    total += Math.min(interval.to, until.getTime()) - interval.from;
  }
  return total / MINUTE;
}

/** The same, for a clock that runs around the clock when `businessHoursOnly` is false. */
export function addSlaMinutes(start: Date, minutes: number, calendar: BusinessCalendar, businessHoursOnly: boolean): Date {
  return businessHoursOnly ? addBusinessMinutes(start, minutes, calendar) : new Date(start.getTime() + minutes * MINUTE);
}

/** SLA minutes between two instants, counted as addSlaMinutes counts them: its inverse. */
export function slaMinutesBetween(from: Date, until: Date, calendar: BusinessCalendar, businessHoursOnly: boolean): number {
  if (!businessHoursOnly) return Math.max(0, until.getTime() - from.getTime()) / MINUTE;
  return businessMinutesBetween(from, until, calendar);
}
