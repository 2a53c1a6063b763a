// A department's working calendar: SLA clocks that say "4 business hours" only run inside it.
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
}

const MINUTE = 60_000;

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

/** The instant `minutes` of working time after `start`. */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  if (!hasWorkingTime(calendar)) return new Date(start.getTime() + minutes * MINUTE);
  let cursor = start;
  let remaining = minutes;
  // Each pass consumes one local day; a year of passes is far beyond any SLA, and ends a bad loop.
  for (let pass = 0; pass < 366 * 2; pass += 1) {
    const day = localDay(cursor, calendar.timeZone);
    const open = calendar.businessDays.includes(day.isoWeekday) && day.minuteOfDay < calendar.businessDayEnd;
    if (open) {
      const from = Math.max(day.minuteOfDay, calendar.businessDayStart);
      const available = calendar.businessDayEnd - from;
      const startOfWork = from === day.minuteOfDay ? cursor : localInstant(day, from, calendar.timeZone);
      if (remaining <= available) return new Date(startOfWork.getTime() + remaining * MINUTE);
      remaining -= available;
    }
    cursor = nextLocalMidnight(day, calendar.timeZone);
  }
  throw new Error(`No working time found within two years for calendar ${JSON.stringify(calendar)}`);
}

/** The same, for a clock that runs around the clock when `businessHoursOnly` is false. */
export function addSlaMinutes(start: Date, minutes: number, calendar: BusinessCalendar, businessHoursOnly: boolean): Date {
  return businessHoursOnly ? addBusinessMinutes(start, minutes, calendar) : new Date(start.getTime() + minutes * MINUTE);
}
