// Repeating all-day events of a holiday feed (RFC 5545 RRULE): the start dates of their
// occurrences, up to a horizon. What school calendars use is read: FREQ (DAILY, WEEKLY, MONTHLY,
// YEARLY), INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY and BYDAY, with ordinals in a month ("4TH"
// Thursday of November, "-1MO" the last Monday of May). Any other part makes the event skipped
// with the reason; a malformed rule is an error naming it.

const DAY_MS = 86_400_000;
const WEEKDAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
const READ_PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYMONTH', 'BYMONTHDAY', 'BYDAY', 'WKST']);
/** Periods (days, weeks, months or years) walked at most: a rule that matches nothing stops here. */
const MAX_PERIODS = 20_000;

type Frequency = (typeof FREQUENCIES)[number];

interface WeekdayRule {
  /** 0 Sunday … 6 Saturday. */
  weekday: number;
  /** 2: the second of the month; -1: the last; null: every one. */
  ordinal: number | null;
}

export interface RepeatRule {
  frequency: Frequency;
  interval: number;
  count: number | null;
  /** Inclusive, as a day number (days since 1970-01-01). */
  untilDay: number | null;
  months: number[];
  monthDays: number[];
  weekdays: WeekdayRule[];
}

/** A rule this reader understands, or why the event is skipped. Throws `invalid(message)` for a malformed rule. */
export function parseRepeatRule(value: string, invalid: (message: string) => Error): RepeatRule | { unsupported: string } {
  const parts = new Map<string, string>();
  for (const part of value.split(';').filter(Boolean)) {
    const [key, partValue] = part.split('=');
    if (!key || partValue === undefined) throw invalid(`RRULE part "${part}" is not NAME=value.`);
    parts.set(key.toUpperCase(), partValue.toUpperCase());
  }
  const unread = [...parts.keys()].find((key) => !READ_PARTS.has(key));
  if (unread) return { unsupported: `repeats by ${unread}, which the import does not read: list each date as its own event` };
  const frequency = parts.get('FREQ') as Frequency | undefined;
  if (!frequency || !FREQUENCIES.includes(frequency)) throw invalid(`RRULE needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.`);

  const positive = (name: string, fallback: number | null, max: number): number | null => {
    const text = parts.get(name);
    if (text === undefined) return fallback;
    const number = Number(text);
    if (!/^\d+$/.test(text) || number < 1 || number > max) throw invalid(`RRULE ${name}=${text} is not a whole number from 1 to ${max}.`);
    return number;
  };
  const list = (name: string, min: number, max: number): number[] =>
    (parts.get(name)?.split(',') ?? []).map((text) => {
      const number = Number(text);
      if (!/^[+-]?\d+$/.test(text) || number === 0 || number < min || number > max) throw invalid(`RRULE ${name} has "${text}".`);
      return number;
    });

  const until = parts.get('UNTIL');
  if (until !== undefined && !/^\d{8}(T\d{6}Z?)?$/.test(until)) throw invalid(`RRULE UNTIL=${until} is not a date.`);
  const weekdays = (parts.get('BYDAY')?.split(',') ?? []).map((text): WeekdayRule => {
    const match = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(text);
    const ordinal = match?.[1] ? Number(match[1]) : null;
    if (!match || ordinal === 0 || (ordinal !== null && Math.abs(ordinal) > 5)) throw invalid(`RRULE BYDAY has "${text}".`);
    return { weekday: WEEKDAY_CODES.indexOf(match[2] as (typeof WEEKDAY_CODES)[number]), ordinal };
  });
  const months = list('BYMONTH', 1, 12);
  if (weekdays.some((rule) => rule.ordinal !== null) && !(frequency === 'MONTHLY' || (frequency === 'YEARLY' && months.length > 0))) {
    return { unsupported: 'repeats on the nth weekday of a year: list each date as its own event' };
  }
  return {
    frequency,
    interval: positive('INTERVAL', 1, 1000)!,
    count: positive('COUNT', null, 10_000),
    untilDay: until ? Date.UTC(Number(until.slice(0, 4)), Number(until.slice(4, 6)) - 1, Number(until.slice(6, 8))) / DAY_MS : null,
    months,
    monthDays: list('BYMONTHDAY', -31, 31),
    weekdays,
  };
}

const weekdayOf = (day: number) => new Date(day * DAY_MS).getUTCDay();
const dayOf = (year: number, month: number, date: number) => Date.UTC(year, month - 1, date) / DAY_MS;
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The days of one month a rule picks: its month days, its weekdays (with ordinals), or `fallbackDate`. */
function daysInMonthFor(rule: RepeatRule, year: number, month: number, fallbackDate: number): number[] {
  const length = daysInMonth(year, month);
  if (rule.monthDays.length > 0) {
    return rule.monthDays
      .map((date) => (date > 0 ? date : length + 1 + date))
      .filter((date) => date >= 1 && date <= length)
      .map((date) => dayOf(year, month, date));
  }
  if (rule.weekdays.length > 0) {
    const picked: number[] = [];
    for (const { weekday, ordinal } of rule.weekdays) {
      const matching = Array.from({ length }, (_, index) => dayOf(year, month, index + 1)).filter((day) => weekdayOf(day) === weekday);
      if (ordinal === null) picked.push(...matching);
      else {
        const day = ordinal > 0 ? matching[ordinal - 1] : matching[matching.length + ordinal];
        if (day !== undefined) picked.push(day);
      }
    }
    return picked;
  }
  return fallbackDate <= length ? [dayOf(year, month, fallbackDate)] : [];
}

/** The candidate days of the `index`th period after the one holding `startDay`, in order. */
function periodDays(rule: RepeatRule, startDay: number, index: number): number[] {
  const start = new Date(startDay * DAY_MS);
  const [year, month, date] = [start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate()];
  const step = index * rule.interval;
  switch (rule.frequency) {
    case 'DAILY':
      return [startDay + step];
    case 'WEEKLY': {
      // Weeks start on Monday (WKST's default).
      const monday = startDay - ((weekdayOf(startDay) + 6) % 7) + step * 7;
      const weekdays = rule.weekdays.length > 0 ? rule.weekdays.map((rule) => rule.weekday) : [weekdayOf(startDay)];
      return weekdays.map((weekday) => monday + ((weekday + 6) % 7));
    }
    case 'MONTHLY': {
      const monthIndex = year * 12 + (month - 1) + step;
      return daysInMonthFor(rule, Math.floor(monthIndex / 12), (monthIndex % 12) + 1, date);
    }
    case 'YEARLY': {
      const months = rule.months.length > 0 ? rule.months : [month];
      return months.flatMap((each) => daysInMonthFor(rule, year + step, each, date));
    }
  }
}

/** Whether a candidate day passes the rule's filters that narrow rather than expand its period. */
function passesFilters(rule: RepeatRule, day: number): boolean {
  const date = new Date(day * DAY_MS);
  if (rule.months.length > 0 && rule.frequency !== 'YEARLY' && !rule.months.includes(date.getUTCMonth() + 1)) return false;
  if (rule.frequency === 'DAILY' || rule.frequency === 'WEEKLY') {
    const length = daysInMonth(date.getUTCFullYear(), date.getUTCMonth() + 1);
    if (rule.monthDays.length > 0 && !rule.monthDays.some((each) => (each > 0 ? each : length + 1 + each) === date.getUTCDate()))
      return false;
  }
  if (rule.frequency === 'DAILY' && rule.weekdays.length > 0 && !rule.weekdays.some((each) => each.weekday === date.getUTCDay()))
    return false;
  return true;
}

/**
 * The days (day numbers) on which occurrences start, from `startDay` (the first) through the
 * rule's end and never past `horizonDay`, leaving out `excluded` ones (EXDATE; they still count
 * towards COUNT, as RFC 5545 has it).
 */
export function occurrenceStarts(rule: RepeatRule, startDay: number, horizonDay: number, excluded: ReadonlySet<number>): number[] {
  const lastDay = Math.min(horizonDay, rule.untilDay ?? Infinity);
  const starts: number[] = [];
  let counted = 0;
  for (let index = 0; index < MAX_PERIODS; index += 1) {
    const days = [...new Set(periodDays(rule, startDay, index))].sort((a, b) => a - b);
    if (days.length > 0 && days[0]! > lastDay) break;
    for (const day of days) {
      if (day < startDay || day > lastDay || !passesFilters(rule, day)) continue;
      counted += 1;
      if (rule.count !== null && counted > rule.count) return starts;
      if (!excluded.has(day)) starts.push(day);
    }
  }
  return starts;
}
