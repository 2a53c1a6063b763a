import type { ReactNode } from 'react';
import type { Priority, TicketStatus } from '../gql/graphql';
import type { Tone } from '../lib/integrations';

const STATUS_LABELS: Record<TicketStatus, string> = {
  NEW: 'New',
  OPEN: 'Open',
  WAITING_ON_STUDENT: 'Waiting on student',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed',
};

export const statusLabel = (status: TicketStatus) => STATUS_LABELS[status];
export const priorityLabel = (priority: Priority) => priority.charAt(0) + priority.slice(1).toLowerCase();

export function StatusBadge({ status }: { status: TicketStatus }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{STATUS_LABELS[status]}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={`badge priority-${priority.toLowerCase()}`}>{priorityLabel(priority)}</span>;
}

/** A state in words with a colour that agrees (ok, waiting, late); the words alone carry the meaning. */
export function ToneBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`badge tone-${tone}`}>{children}</span>;
}
