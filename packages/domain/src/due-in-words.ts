// When something is due, as people say it in the desk's own time zone: "due tomorrow by 11:00".
// One formatter for every app (portal ticket page, console SLA clocks, emails), so a student and
// the staff member see the same promise in the same words.

import type { Language } from './languages.js';

/** The languages the phrases exist in; month and weekday names come from Intl in that language. */
export type DueLocale = Language;

const PHRASES: Record<
  DueLocale,
  { today: string; tomorrow: string; yesterday: string; due: (when: string, time: string) => string; overdue: (since: string) => string }
> = {
  en: {
    today: 'today',
    tomorrow: 'tomorrow',
    yesterday: 'yesterday',
    due: (when, time) => `due ${when} by ${time}`,
    overdue: (since) => `overdue since ${since}`,
  },
  es: {
    today: 'hoy',
    tomorrow: 'mañana',
    yesterday: 'ayer',
    due: (when, time) => `para ${when} antes de las ${time}`,
    overdue: (since) => `con retraso desde ${since}`,
  },
  fr: {
    today: 'aujourd’hui',
    tomorrow: 'demain',
    yesterday: 'hier',
    due: (when, time) => `attendue ${when} avant ${time}`,
    overdue: (since) => `en retard depuis ${since}`,
  },
  ar: {
    today: 'اليوم',
    tomorrow: 'غدًا',
    yesterday: 'أمس',
    due: (when, time) => `مستحق ${when} قبل ${time}`,
    overdue: (since) => `متأخر منذ ${since}`,
  },
  'zh-Hans': {
    today: '今天',
    tomorrow: '明天',
    yesterday: '昨天',
    due: (when, time) => `应于${when} ${time}前完成`,
    overdue: (since) => `自${since}起已逾期`,
  },
};

const DAY_MS = 86_400_000;

interface LocalParts {
  /** Days since 1970-01-01 of the local calendar date: differences count calendar days. */
  dayNumber: number;
  year: number;
  time: string;
}

/** Counted in Latin digits whatever the language (Arabic writes ٢٠٢٦); only `time` is shown. */
function localParts(instant: Date, timeZone: string, locale: DueLocale): LocalParts {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat(locale, {
      numberingSystem: 'latn',
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  return { dayNumber: Date.UTC(year, month - 1, day) / DAY_MS, year, time: `${parts.hour}:${parts.minute}` };
}

/** "14:05" on a 24-hour clock, in the language's own digits. */
function clockTime(instant: Date, timeZone: string, locale: DueLocale): string {
  if (locale === 'en') return localParts(instant, timeZone, locale).time;
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/**
 * The day of `at` as seen from `now`, both in `timeZone`: "today", "tomorrow", "yesterday", a
 * weekday within the coming week ("Monday"), else the date ("14 January", with the year when it
 * is not this year's).
 */
export function dayInWords(at: Date, now: Date, timeZone: string, locale: DueLocale = 'en'): string {
  const [then, today] = [localParts(at, timeZone, locale), localParts(now, timeZone, locale)];
  const days = then.dayNumber - today.dayNumber;
  const phrases = PHRASES[locale];
  if (days === 0) return phrases.today;
  if (days === 1) return phrases.tomorrow;
  if (days === -1) return phrases.yesterday;
  if (days > 1 && days < 7) return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long' }).format(at);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    timeZone,
    day: 'numeric',
    month: 'long',
    ...(then.year === today.year ? {} : { year: 'numeric' }),
  }).format(at);
}

/** "14:05" in `timeZone`, on a 24-hour clock. */
export function timeInWords(at: Date, timeZone: string, locale: DueLocale = 'en'): string {
  return clockTime(at, timeZone, locale);
}

/** "today 16:00", "tomorrow 11:00", "Monday 09:30", "14 January 10:00". */
export function momentInWords(at: Date, now: Date, timeZone: string, locale: DueLocale = 'en'): string {
  return `${dayInWords(at, now, timeZone, locale)} ${timeInWords(at, timeZone, locale)}`;
}

/**
 * A due time in plain words: "due today by 16:00", "due tomorrow by 11:00", "due Monday by
 * 09:30", "due 14 January by 10:00"; once passed, "overdue since 15:20" (today) or
 * "overdue since yesterday 15:20".
 */
export function dueInWords(due: Date, now: Date, timeZone: string, locale: DueLocale = 'en'): string {
  const phrases = PHRASES[locale];
  if (due.getTime() < now.getTime()) {
    const sameDay = localParts(due, timeZone, locale).dayNumber === localParts(now, timeZone, locale).dayNumber;
    return phrases.overdue(sameDay ? timeInWords(due, timeZone, locale) : momentInWords(due, now, timeZone, locale));
  }
  return phrases.due(dayInWords(due, now, timeZone, locale), timeInWords(due, timeZone, locale));
}
