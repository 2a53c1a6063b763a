// A department's working week in a few words, for lists.
import { WEEKDAYS } from '@studentdesk/domain';

const short = (day: number) => (WEEKDAYS.find((weekday) => weekday.day === day)?.name ?? String(day)).slice(0, 3);

/** "Mon–Fri, 09:00–17:00"; "Mon, Wed, Sat, 10:00–14:00"; "Every day, around the clock". */
export function businessHoursText(hours: { days: number[]; opensAt: string; closesAt: string }): string {
  const runs: number[][] = [];
  for (const day of hours.days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  const days =
    hours.days.length === 7
      ? 'Every day'
      : runs.map((run) => (run.length >= 3 ? `${short(run[0]!)}–${short(run.at(-1)!)}` : run.map(short).join(', '))).join(', ');
  const time = hours.opensAt === '00:00' && hours.closesAt === '24:00' ? 'around the clock' : `${hours.opensAt}–${hours.closesAt}`;
  return `${days}, ${time}`;
}
