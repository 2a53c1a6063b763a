import { graphql } from '../gql';
import { slaClock } from '../lib/time';

/** A ticket's SLA targets and when they were met: what every SlaClock of a ticket reads. */
export const SLA_TIMES = graphql(`
  fragment SlaTimes on Ticket {
    firstResponseDueAt
    firstRespondedAt
    resolutionDueAt
    resolvedAt
    slaBreached
  }
`);

/** One SLA target as time left, overdue, met or missed. */
export function SlaClock({ label, dueAt, doneAt, now }: { label?: string; dueAt: string | null; doneAt: string | null; now: number }) {
  const clock = slaClock(dueAt, doneAt, now);
  if (clock.state === 'none') return <span className="sla muted">{label ? `${label}: ` : ''}no target</span>;
  const tone = clock.state === 'running' ? (clock.soon ? 'soon' : 'ok') : clock.state === 'met' ? 'ok' : 'late';
  return (
    <span className={`sla sla-${tone}`} title={dueAt ? `Due ${new Date(dueAt).toLocaleString()}` : undefined}>
      {label ? `${label}: ` : ''}
      {clock.text}
    </span>
  );
}
