import { TICKET_STATUS_LABELS, TICKET_STATUSES, type TicketStatus } from '@studentdesk/domain';
import type { ReactNode } from 'react';
import type { Priority } from '../gql/graphql';
import type { Tone } from '../lib/integrations';
import { optionsOf } from './FilterSelect';

export const statusLabel = (status: TicketStatus) => TICKET_STATUS_LABELS.staff[status];
export const priorityLabel = (priority: Priority) => priority.charAt(0) + priority.slice(1).toLowerCase();
export const STATUS_OPTIONS = optionsOf(TICKET_STATUSES, statusLabel);
export const PRIORITY_OPTIONS = optionsOf<Priority>(['URGENT', 'HIGH', 'NORMAL', 'LOW'], priorityLabel);

export function StatusBadge({ status }: { status: TicketStatus }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{statusLabel(status)}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={`badge priority-${priority.toLowerCase()}`}>{priorityLabel(priority)}</span>;
}

/** A state in words with a colour that agrees (ok, waiting, late); the words alone carry the meaning. */
export function ToneBadge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`badge tone-${tone}`}>{children}</span>;
}
