// A small, strict reader of iCalendar (RFC 5545) holiday feeds: only what closing days needs.
// All-day VEVENTs become the local dates they cover (DTEND is exclusive, DURATION in days or
// weeks, one day when neither is given); a repeating one (RRULE, ical-repeat.ts), those of each
// occurrence up to a horizon, less its EXDATEs. Events it cannot turn into whole days (a time of
// day, a repeat rule it does not read, a cancelled or overriding instance) are skipped with the
// reason, for the preview.
// Anything malformed (no VCALENDAR, unbalanced BEGIN/END, a bad date) is an IcalError naming the
// line, and nothing of the file is used.

import { occurrenceStarts, parseRepeatRule } from './ical-repeat.js';

export class IcalError extends Error {
  constructor(message: string, line?: number) {
    super(line ? `Line ${line}: ${message}` : message);
    this.name = 'IcalError';
  }
}

export interface IcalHoliday {
  uid: string;
  name: string;
  /** Local dates, "2026-12-24", in order. */
  dates: string[];
}

export interface IcalSkipped {
  name: string;
  reason: string;
}

export interface IcalFeed {
  /** X-WR-CALNAME, when the feed names itself. */
  calendarName: string | null;
  holidays: IcalHoliday[];
  skipped: IcalSkipped[];
}

export const ICAL_MAX_EVENTS = 500;
/** Days a whole feed may close: years of a school's holidays, and what a preview can list. */
export const ICAL_MAX_DAYS = 1000;
/** Days one event may close the desk for: a longer "holiday" is a mistake in the feed. */
export const ICAL_MAX_DAYS_PER_EVENT = 366;
export const HOLIDAY_NAME_MAX = 120;

export interface IcalOptions {
  /** The last day (days since 1970-01-01) a repeating event is expanded to. */
  repeatHorizonDay: number;
}

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
  line: number;
}

/** Physical lines joined where a line starting with a space or tab continues the one before. */
function unfold(text: string): Array<{ text: string; line: number }> {
  const lines: Array<{ text: string; line: number }> = [];
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    if ((raw.startsWith(' ') || raw.startsWith('\t')) && lines.length > 0) lines[lines.length - 1]!.text += raw.slice(1);
    else if (raw.length > 0) lines.push({ text: raw, line: index + 1 });
  });
  return lines;
}

/** NAME;PARAM=value;PARAM="quoted:value":VALUE */
function parseLine({ text, line }: { text: string; line: number }): Property {
  const nameMatch = /^[A-Za-z0-9-]+/.exec(text);
  if (!nameMatch) throw new IcalError('expected a property name.', line);
  const params: Record<string, string> = {};
  let at = nameMatch[0].length;
  while (text[at] === ';') {
    const param = /^;([A-Za-z0-9-]+)=("[^"]*"|[^;:,"]*)((?:,(?:"[^"]*"|[^;:,"]*))*)/.exec(text.slice(at));
    if (!param) throw new IcalError('malformed property parameter.', line);
    params[param[1]!.toUpperCase()] = (param[2]! + param[3]!).replace(/"/g, '');
    at += param[0].length;
  }
  if (text[at] !== ':') throw new IcalError(`expected ":" after ${nameMatch[0]}.`, line);
  return { name: nameMatch[0].toUpperCase(), params, value: text.slice(at + 1), line };
}

/** TEXT values: \n, \, and \; escapes. */
function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\])/g, (_, char: string) => (char === 'n' || char === 'N' ? ' ' : char));
}

/** A DATE ("20261224") as days since 1970-01-01, checked to be a real date. */
function dayNumber(value: string, line: number): number {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) throw new IcalError(`"${value}" is not a date (YYYYMMDD).`, line);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    throw new IcalError(`"${value}" is not a real date.`, line);
  return time / 86_400_000;
}

const isDateValue = (property: Property) => property.params.VALUE === 'DATE' || /^\d{8}$/.test(property.value);

function eventDays(props: Map<string, Property>, start: Property): number {
  const end = props.get('DTEND');
  const duration = props.get('DURATION');
  if (end) {
    if (!isDateValue(end)) throw new IcalError('DTEND has a time of day while DTSTART is a date.', end.line);
    return dayNumber(end.value, end.line) - dayNumber(start.value, start.line);
  }
  if (duration) {
    const match = /^\+?P(?:(\d+)W|(\d+)D(?:T0+H)?)$/.exec(duration.value);
    if (!match) throw new IcalError(`DURATION "${duration.value}" is not a whole number of days or weeks.`, duration.line);
    return match[1] ? Number(match[1]) * 7 : Number(match[2]);
  }
  return 1;
}

interface ParsedEvent {
  props: Map<string, Property>;
  /** EXDATE values, which may come on several lines. */
  excluded: Property[];
  line: number;
}

/** The days an event's occurrences start on: its start, or each repeat's up to the horizon. */
function occurrences(event: ParsedEvent, startDay: number, options: IcalOptions): number[] | { unsupported: string } {
  const repeat = event.props.get('RRULE');
  if (!repeat) return [startDay];
  const rule = parseRepeatRule(repeat.value, (message) => new IcalError(message, repeat.line));
  if ('unsupported' in rule) return rule;
  const excluded = new Set(
    event.excluded.flatMap((property) => property.value.split(',').map((value) => dayNumber(value.slice(0, 8), property.line))),
  );
  return occurrenceStarts(rule, startDay, options.repeatHorizonDay, excluded);
}

function toEvent(event: ParsedEvent, options: IcalOptions): { holiday: IcalHoliday } | { skipped: IcalSkipped } {
  const { props, line } = event;
  const summary = props.get('SUMMARY');
  const name = (summary ? unescapeText(summary.value).trim() : '').slice(0, HOLIDAY_NAME_MAX) || 'Closed';
  const start = props.get('DTSTART');
  if (!start) throw new IcalError(`the event "${name}" has no DTSTART.`, line);
  const startDay = isDateValue(start) ? dayNumber(start.value, start.line) : null;
  if (props.get('STATUS')?.value.toUpperCase() === 'CANCELLED') return { skipped: { name, reason: 'cancelled' } };
  if (props.has('RECURRENCE-ID')) return { skipped: { name, reason: 'changes one instance of a repeating event' } };
  if (startDay === null) return { skipped: { name, reason: 'has a time of day: only all-day events close the desk' } };
  const days = eventDays(props, start);
  if (days < 1) throw new IcalError(`the event "${name}" ends before it starts.`, line);
  if (days > ICAL_MAX_DAYS_PER_EVENT)
    throw new IcalError(`the event "${name}" lasts ${days} days, more than ${ICAL_MAX_DAYS_PER_EVENT}.`, line);
  const starts = occurrences(event, startDay, options);
  if ('unsupported' in starts) return { skipped: { name, reason: starts.unsupported } };
  if (starts.length === 0) return { skipped: { name, reason: 'repeats, but on no day up to two years from now' } };
  const closed = new Set(starts.flatMap((first) => Array.from({ length: days }, (_, offset) => first + offset)));
  if (closed.size > ICAL_MAX_DAYS) throw new IcalError(`The file closes more than ${ICAL_MAX_DAYS} days; import it in parts.`);
  const dates = [...closed].sort((a, b) => a - b).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
  // RFC 5545 requires a UID; for a feed without, the start and name identify the event on re-import.
  const uid = props.get('UID')?.value.trim() || `${start.value}/${name}`;
  return { holiday: { uid, name, dates } };
}

export function parseIcal(text: string, options: IcalOptions): IcalFeed {
  const lines = unfold(text.replace(/^\uFEFF/, ''));
  if (!/^BEGIN:VCALENDAR$/i.test(lines[0]?.text.trim() ?? ''))
    throw new IcalError('This is not an iCalendar file: it must start with BEGIN:VCALENDAR.');

  const feed: IcalFeed = { calendarName: null, holidays: [], skipped: [] };
  const stack: string[] = [];
  let event: ParsedEvent | null = null;
  let ended = false;
  for (const raw of lines) {
    if (ended) throw new IcalError('there is more after END:VCALENDAR.', raw.line);
    const property = parseLine(raw);
    if (property.name === 'BEGIN') {
      const component = property.value.toUpperCase();
      stack.push(component);
      if (component === 'VEVENT') {
        if (stack.length !== 2) throw new IcalError('VEVENT must be directly inside VCALENDAR.', raw.line);
        event = { props: new Map(), excluded: [], line: raw.line };
      }
    } else if (property.name === 'END') {
      const component = property.value.toUpperCase();
      const open = stack.pop();
      if (open !== component) throw new IcalError(`END:${component} does not close ${open ? `BEGIN:${open}` : 'anything'}.`, raw.line);
      if (component === 'VEVENT' && event) {
        const parsed = toEvent(event, options);
        if ('holiday' in parsed) feed.holidays.push(parsed.holiday);
        else feed.skipped.push(parsed.skipped);
        if (feed.holidays.length + feed.skipped.length > ICAL_MAX_EVENTS)
          throw new IcalError(`The file has more than ${ICAL_MAX_EVENTS} events.`);
        event = null;
      }
      if (stack.length === 0) ended = true;
    } else if (event && stack.length === 2 && property.name === 'EXDATE') {
      event.excluded.push(property);
    } else if (event && stack.length === 2) {
      // The first of a repeated property counts (RFC 5545 allows most of these once per event).
      if (!event.props.has(property.name)) event.props.set(property.name, property);
    } else if (stack.length === 1 && property.name === 'X-WR-CALNAME') {
      feed.calendarName = unescapeText(property.value).trim() || null;
    }
  }
  if (!ended) throw new IcalError(`The file ends inside BEGIN:${stack[stack.length - 1] ?? 'VCALENDAR'}: it is cut short.`);
  const merged = mergeByUid(feed);
  if (merged.holidays.reduce((days, holiday) => days + holiday.dates.length, 0) > ICAL_MAX_DAYS)
    throw new IcalError(`The file closes more than ${ICAL_MAX_DAYS} days; import it in parts.`);
  return merged;
}

/** Two events with one UID (a feed listing an event twice): one holiday, its dates combined. */
function mergeByUid(feed: IcalFeed): IcalFeed {
  const byUid = new Map<string, IcalHoliday>();
  for (const holiday of feed.holidays) {
    const seen = byUid.get(holiday.uid);
    if (seen) seen.dates = [...new Set([...seen.dates, ...holiday.dates])].sort();
    else byUid.set(holiday.uid, { ...holiday });
  }
  return { ...feed, holidays: [...byUid.values()] };
}
