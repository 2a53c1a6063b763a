// The queue's views: each is a ticket filter the API understands. Unresolved tickets only, unless
// the status filter says otherwise.
import type { TicketFilter, TicketStatus } from '../gql/graphql';

export const QUEUE_VIEWS = [
  { key: 'mine', label: 'Mine' },
  { key: 'unassigned', label: 'Unassigned' },
  { key: 'department', label: 'My department' },
  { key: 'breaching', label: 'Breaching in 2 h' },
  { key: 'breached', label: 'Breached' },
  { key: 'open', label: 'All open' },
] as const;

export type QueueView = (typeof QUEUE_VIEWS)[number]['key'];

export const OPEN_STATUSES: TicketStatus[] = ['NEW', 'OPEN', 'WAITING_ON_STUDENT'];
const TWO_HOURS = 2 * 3_600_000;

export interface QueueViewer {
  id: string;
  departmentId: string | null;
}

export function isQueueView(value: string | undefined): value is QueueView {
  return QUEUE_VIEWS.some((view) => view.key === value);
}

/** The filter behind a view; `now` is rounded to the minute so the query stays cacheable. */
export function viewFilter(view: QueueView, viewer: QueueViewer, now: number): TicketFilter {
  const base: TicketFilter = { status: OPEN_STATUSES };
  switch (view) {
    case 'mine':
      return { ...base, assigneeId: viewer.id };
    case 'unassigned':
      return { ...base, unassigned: true };
    case 'department':
      return viewer.departmentId ? { ...base, departmentId: viewer.departmentId } : base;
    case 'breaching':
      return { ...base, breached: false, resolutionDueBefore: new Date(Math.floor(now / 60_000) * 60_000 + TWO_HOURS).toISOString() };
    case 'breached':
      return { ...base, breached: true };
    case 'open':
      return base;
  }
}
