import { describe, expect, it } from 'vitest';
import { IcalError, parseIcal } from './ical.js';

/** Repeating events are expanded up to 30 June 2028. */
const OPTIONS = { repeatHorizonDay: Date.UTC(2028, 5, 30) / 86_400_000 };

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
      OPTIONS,
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
    expect(parseIcal(text, OPTIONS).holidays).toEqual([{ uid: 'long', name: 'A very long name that was folded', dates: ['2026-05-01'] }]);
  });

  it('skips what cannot close whole days, saying why', () => {
    const feed = parseIcal(
      calendar(
        ...event('UID:meeting', 'DTSTART:20260501T090000Z', 'DTEND:20260501T100000Z', 'SUMMARY:Staff meeting'),
        ...event('UID:gone', 'DTSTART;VALUE=DATE:20260601', 'STATUS:CANCELLED', 'SUMMARY:Sports day'),
        ...event('UID:week-one', 'DTSTART;VALUE=DATE:20260105', 'RRULE:FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO', 'SUMMARY:Inset day'),
      ),
      OPTIONS,
    );
    expect(feed.holidays).toEqual([]);
    expect(feed.skipped.map((skipped) => [skipped.name, skipped.reason])).toEqual([
      ['Staff meeting', 'has a time of day: only all-day events close the desk'],
      ['Sports day', 'cancelled'],
      ['Inset day', 'repeats by BYWEEKNO, which the import does not read: list each date as its own event'],
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
    ['a repeat by the hour', calendar(...event('UID:x', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=HOURLY')), /Line 7: RRULE needs FREQ/],
    ['a tenth Monday', calendar(...event('UID:x', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=MONTHLY;BYDAY=9MO')), /BYDAY has "9MO"/],
    ['a count of none', calendar(...event('UID:x', 'DTSTART;VALUE=DATE:20260101', 'RRULE:FREQ=DAILY;COUNT=0')), /COUNT=0/],
    [
      'a daily repeat for ever',
      calendar(...event('UID:x', 'DTSTART;VALUE=DATE:20200101', 'RRULE:FREQ=DAILY')),
      /closes more than 1000 days/,
    ],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseIcal(text, OPTIONS)).toThrow(IcalError);
    expect(() => parseIcal(text, OPTIONS)).toThrow(message);
  });

  it('merges two events that share a UID, and names an event without UID by its start and summary', () => {
    const feed = parseIcal(
      calendar(
        ...event('UID:same', 'DTSTART;VALUE=DATE:20260102', 'SUMMARY:Break'),
        ...event('UID:same', 'DTSTART;VALUE=DATE:20260101', 'SUMMARY:Break'),
        ...event('DTSTART;VALUE=DATE:20260301', 'SUMMARY:Study day'),
      ),
      OPTIONS,
    );
    expect(feed.holidays).toEqual([
      { uid: 'same', name: 'Break', dates: ['2026-01-01', '2026-01-02'] },
      { uid: '20260301/Study day', name: 'Study day', dates: ['2026-03-01'] },
    ]);
  });

  describe('repeating events (RRULE)', () => {
    const datesOf = (...lines: string[]) => {
      const feed = parseIcal(calendar(...event('UID:r', 'SUMMARY:Closed', ...lines)), OPTIONS);
      expect(feed.skipped).toEqual([]);
      return feed.holidays[0]!.dates;
    };

    it('repeats a day every year up to the horizon', () => {
      expect(datesOf('DTSTART;VALUE=DATE:20261225', 'RRULE:FREQ=YEARLY')).toEqual(['2026-12-25', '2027-12-25']);
    });

    it('finds the nth and the last weekday of a month, and repeats a two-day closure whole', () => {
      expect(datesOf('DTSTART;VALUE=DATE:20261126', 'DTEND;VALUE=DATE:20261128', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH')).toEqual([
        '2026-11-26',
        '2026-11-27',
        '2027-11-25',
        '2027-11-26',
      ]);
      expect(datesOf('DTSTART;VALUE=DATE:20270531', 'RRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO')).toEqual(['2027-05-31', '2028-05-29']);
    });

    it('counts weekly repeats on several weekdays, and months’ last days', () => {
      expect(datesOf('DTSTART;VALUE=DATE:20261205', 'RRULE:FREQ=WEEKLY;BYDAY=SA,SU;COUNT=4')).toEqual([
        '2026-12-05',
        '2026-12-06',
        '2026-12-12',
        '2026-12-13',
      ]);
      expect(datesOf('DTSTART;VALUE=DATE:20260131', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3')).toEqual([
        '2026-01-31',
        '2026-02-28',
        '2026-03-31',
      ]);
      expect(datesOf('DTSTART;VALUE=DATE:20260115', 'RRULE:FREQ=MONTHLY;INTERVAL=6;UNTIL=20270731')).toEqual([
        '2026-01-15',
        '2026-07-15',
        '2027-01-15',
        '2027-07-15',
      ]);
    });

    it('stops at UNTIL and leaves out EXDATEs, on one line or several', () => {
      expect(
        datesOf(
          'DTSTART;VALUE=DATE:20261221',
          'RRULE:FREQ=DAILY;UNTIL=20261231T235959Z',
          'EXDATE;VALUE=DATE:20261225,20261226',
          'EXDATE;VALUE=DATE:20261227',
        ),
      ).toEqual(['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31']);
    });

    it('skips a repeat with no day before the horizon, saying why', () => {
      const feed = parseIcal(calendar(...event('UID:late', 'DTSTART;VALUE=DATE:20300101', 'RRULE:FREQ=YEARLY', 'SUMMARY:Later')), OPTIONS);
      expect(feed.holidays).toEqual([]);
      expect(feed.skipped).toEqual([{ name: 'Later', reason: 'repeats, but on no day up to two years from now' }]);
    });
  });
});
