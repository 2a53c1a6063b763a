import { describe, expect, it } from 'vitest';
import { IcalError, parseIcal } from './ical.js';

const calendar = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...lines, 'END:VCALENDAR'].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];

describe('parseIcal', () => {
  it('reads one-day and multi-day all-day events, with DTEND exclusive', () => {
    const feed = parseIcal(
      calendar(
        'X-WR-CALNAME:School holidays 2026',
        ...event('UID:kings-day', 'DTSTART;VALUE=DATE:20260427', 'SUMMARY:King\\, Day'),
        ...event('UID:winter', 'DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261228', 'SUMMARY:Winter break'),
        ...event('UID:week', 'DTSTART;VALUE=DATE:20261019', 'DURATION:P1W', 'SUMMARY:Autumn week'),
      ),
    );
    expect(feed.calendarName).toBe('School holidays 2026');
    expect(feed.holidays).toEqual([
      { uid: 'kings-day', name: 'King, Day', dates: ['2026-04-27'] },
      { uid: 'winter', name: 'Winter break', dates: ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-27'] },
      {
        uid: 'week',
        name: 'Autumn week',
        dates: ['2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25'],
      },
    ]);
    expect(feed.skipped).toEqual([]);
  });

  it('unfolds continued lines, accepts LF line ends, quoted parameters and nested alarms', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:long',
      'DTSTART;VALUE=DATE;X-NOTE="a:b;c":20260501',
      'SUMMARY:A very long na',
      ' me that was folded',
      'BEGIN:VALARM',
      'TRIGGER:-PT15M',
      'END:VALARM',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\n');
    expect(parseIcal(text).holidays).toEqual([{ uid: 'long', name: 'A very long name that was folded', dates: ['2026-05-01'] }]);
  });

  it('skips what cannot close whole days, saying why', () => {
    const feed = parseIcal(
      calendar(
        ...event('UID:meeting', 'DTSTART:20260501T090000Z', 'DTEND:20260501T100000Z', 'SUMMARY:Staff meeting'),
        ...event('UID:xmas', 'DTSTART;VALUE=DATE:20261225', 'RRULE:FREQ=YEARLY', 'SUMMARY:Christmas'),
        ...event('UID:gone', 'DTSTART;VALUE=DATE:20260601', 'STATUS:CANCELLED', 'SUMMARY:Sports day'),
      ),
    );
    expect(feed.holidays).toEqual([]);
    expect(feed.skipped.map((skipped) => [skipped.name, skipped.reason])).toEqual([
      ['Staff meeting', 'has a time of day: only all-day events close the desk'],
      ['Christmas', 'repeats (RRULE): list each date as its own event'],
      ['Sports day', 'cancelled'],
    ]);
  });

  it.each([
    ['not a calendar at all', 'hello, world', /must start with BEGIN:VCALENDAR/],
    ['an HTML page', '<!doctype html><html></html>', /must start with BEGIN:VCALENDAR/],
    ['cut short', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20260101', /cut short/],
    [
      'unbalanced END',
      calendar('BEGIN:VEVENT', 'UID:x', 'DTSTART;VALUE=DATE:20260101', 'END:VTODO'),
      /END:VTODO does not close BEGIN:VEVENT/,
    ],
    ['an impossible date', calendar(...event('UID:x', 'DTSTART;VALUE=DATE:20260230')), /Line 6: "20260230" is not a real date/],
    ['no start', calendar(...event('UID:x', 'SUMMARY:Nothing')), /has no DTSTART/],
    [
      'ends before it starts',
      calendar(...event('UID:x', 'DTSTART;VALUE=DATE:20260105', 'DTEND;VALUE=DATE:20260101')),
      /ends before it starts/,
    ],
    ['a year and more', calendar(...event('UID:x', 'DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20280101')), /more than 366/],
    ['a line without a colon', calendar('BEGIN:VEVENT', 'UID x', 'END:VEVENT'), /expected ":"/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseIcal(text)).toThrow(IcalError);
    expect(() => parseIcal(text)).toThrow(message);
  });

  it('merges two events that share a UID, and names an event without UID by its start and summary', () => {
    const feed = parseIcal(
      calendar(
        ...event('UID:same', 'DTSTART;VALUE=DATE:20260102', 'SUMMARY:Break'),
        ...event('UID:same', 'DTSTART;VALUE=DATE:20260101', 'SUMMARY:Break'),
        ...event('DTSTART;VALUE=DATE:20260301', 'SUMMARY:Study day'),
      ),
    );
    expect(feed.holidays).toEqual([
      { uid: 'same', name: 'Break', dates: ['2026-01-01', '2026-01-02'] },
      { uid: '20260301/Study day', name: 'Study day', dates: ['2026-03-01'] },
    ]);
  });
});
