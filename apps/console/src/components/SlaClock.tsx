import { dueInWords } from '@studentdesk/domain';
import { graphql } from '../gql';
import { slaClock } from '../lib/time';

/** A ticket's SLA targets and when they were met: what every SlaClock of a ticket reads. */
export const SLA_TIMES = graphql(`
  fragment SlaTimes on Ticket {
    firstResponseDueAt
    firstRespondedAt
    resolutionDueAt
    resolvedAt
    slaPausedAt
    slaBreached
    department {
      id
      timeZone
    }
  }
`);

/**
 * One SLA target as time left, overdue, met, missed or paused; the due time in plain words in
 * the department's time zone ("due tomorrow by 11:00") beside it when `inWords`, else on hover.
 */
export function SlaClock({
  label,
  dueAt,
  doneAt,
  now,
  timeZone,
  pausedAt = null,
  inWords = false,
}: {
  label?: string;
  dueAt: string | null;
  doneAt: string | null;
  now: number;
  timeZone: string;
  pausedAt?: string | null;
  inWords?: boolean;
}) {
  const clock = slaClock(dueAt, doneAt, now, pausedAt);
  if (clock.state === 'none') return <span className="sla muted">{label ? `${label}: ` : ''}no target</span>;
  const tone = clock.state === 'running' ? (clock.soon ? 'soon' : 'ok') : clock.state === 'met' || clock.state === 'paused' ? 'ok' : 'late';
  const words = dueAt && !doneAt && clock.state !== 'paused' ? dueInWords(new Date(dueAt), new Date(now), timeZone) : null;
  return (
    <span className={`sla sla-${tone}`} title={words && !inWords ? words : undefined}>
      {label ? `${label}: ` : ''}
      {clock.text}
      {words && inWords ? ` · ${words}` : ''}
    </span>
  );
}
