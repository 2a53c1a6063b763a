// How the console says times: SLA clocks as time left or overdue, dates in the reader's locale.
import { useEffect, useState } from 'react';

const MINUTE = 60_000;

/** "2h 05m", "3d 4h", "12m": short enough for a queue row. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / MINUTE));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(rest).padStart(2, '0')}m`;
  return `${rest}m`;
}

export type SlaClock =
  | { state: 'none' }
  | { state: 'met'; text: string }
  | { state: 'missed'; text: string }
  | { state: 'running'; text: string; soon: boolean }
  | { state: 'paused'; text: string }
  | { state: 'overdue'; text: string };

const SOON = 2 * 60 * MINUTE;

/**
 * One SLA target: met or missed once done, otherwise the time left or how long it is overdue. A
 * clock stopped at `pausedAt` (waiting on the student) says so, unless it was missed before.
 */
export function slaClock(dueAt: string | null, doneAt: string | null, now: number, pausedAt: string | null = null): SlaClock {
  if (!dueAt) return { state: 'none' };
  const due = Date.parse(dueAt);
  if (doneAt) {
    const done = Date.parse(doneAt);
    return done <= due ? { state: 'met', text: 'met' } : { state: 'missed', text: `missed by ${formatDuration(done - due)}` };
  }
  if (pausedAt && Date.parse(pausedAt) <= due) return { state: 'paused', text: 'paused while waiting on the student' };
  if (now <= due) return { state: 'running', text: `${formatDuration(due - now)} left`, soon: due - now <= SOON };
  return { state: 'overdue', text: `overdue by ${formatDuration(now - due)}` };
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatPercent(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`;
}

/** The time now, renewed every `intervalMs` so clocks keep counting on a page left open. */
export function useClock(intervalMs = MINUTE): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
