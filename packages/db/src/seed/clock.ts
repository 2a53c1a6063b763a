// Placing the many conversation beats of a ticket in working time. addSlaMinutes costs ~0.1 ms a
// call, too much for millions of beats at large scales, so this clock asks it once per working day
// for the day's opening and closing instants and then answers by walking those intervals. Due
// times are still computed by addSlaMinutes itself (see tickets.ts).
import { TZDate } from '@date-fns/tz';
import { addBusinessMinutes, addSlaMinutes, type BusinessCalendar } from '../business-hours.js';

const MINUTE = 60_000;

export class WorkingClock {
  private readonly opens: number[] = [];
  private readonly closes: number[] = [];
  private readonly from: number;

  /** Learns the working intervals between `from` and `until`; beyond them it defers to addSlaMinutes. */
  constructor(
    private readonly calendar: BusinessCalendar,
    from: Date,
    private readonly until: Date,
  ) {
    // Start at local midnight, so every opening found is the start of a full working day.
    const local = new TZDate(from.getTime(), calendar.timeZone);
    let cursor: Date = new TZDate(local.getFullYear(), local.getMonth(), local.getDate(), 0, 0, calendar.timeZone);
    this.from = cursor.getTime();
    const dayLength = calendar.businessDayEnd - calendar.businessDayStart;
    while (cursor.getTime() < until.getTime()) {
      const open = addBusinessMinutes(cursor, 0, calendar);
      const close = addBusinessMinutes(open, dayLength, calendar);
      this.opens.push(open.getTime());
      this.closes.push(close.getTime());
      cursor = close;
    }
  }

  /** The instant `minutes` of clock time after `start`: working time, or wall time for 24/7 policies. */
  after(start: number, minutes: number, businessHoursOnly: boolean): number {
    if (!businessHoursOnly) return start + minutes * MINUTE;
    let index = this.firstIntervalEndingAfter(start);
    if (index < 0) return addSlaMinutes(new Date(start), minutes, this.calendar, true).getTime();
    let cursor = start;
    let remaining = minutes * MINUTE;
    for (; index < this.opens.length; index += 1) {
      cursor = Math.max(cursor, this.opens[index] as number);
      const available = (this.closes[index] as number) - cursor;
      if (remaining <= available) return cursor + remaining;
      remaining -= available;
      cursor = this.closes[index] as number;
    }
    return addSlaMinutes(new Date(cursor), remaining / MINUTE, this.calendar, true).getTime();
  }

  private firstIntervalEndingAfter(instant: number): number {
    if (instant < this.from || instant >= this.until.getTime()) return -1;
    let low = 0;
    let high = this.closes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.closes[middle] as number) > instant) high = middle;
      else low = middle + 1;
    }
    return low < this.closes.length ? low : -1;
  }
}
