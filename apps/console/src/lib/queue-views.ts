// The queue's views: each is a ticket filter the API understands. Unresolved tickets only, unless
// the status filter says otherwise.
import { UNRESOLVED_STATUSES } from '@studentdesk/domain';
import type { TicketFilter } from '../gql/graphql';
import type { Viewer } from '../viewer';

export const QUEUE_VIEWS = [
  { key: 'mine', label: 'Mine' },
  { key: 'unassigned', label: 'Unassigned' },
  { key: 'department', label: 'My department' },
  { key: 'breaching', label: 'Breaching in 2 h' },
  { key: 'breached', label: 'Breached' },
  { key: 'open', label: 'All open' },
] as const;

export type QueueView = (typeof QUEUE_VIEWS)[number]['key'];

const TWO_HOURS = 2 * 3_600_000;

/** Whose queue it is. */
export type QueueViewer = Pick<Viewer, 'id' | 'department'>;

export function isQueueView(value: string | undefined): value is QueueView {
  return QUEUE_VIEWS.some((view) => view.key === value);
}

/** The filter behind a view; `now` is rounded to the minute so the query stays cacheable. */
export function viewFilter(view: QueueView, viewer: QueueViewer, now: number): TicketFilter {
  const base: TicketFilter = { status: [...UNRESOLVED_STATUSES] };
  switch (view) {
    case 'mine':
      return { ...base, assigneeId: viewer.id };
    case 'unassigned':
      return { ...base, unassigned: true };
    case 'department':
      return viewer.department ? { ...base, departmentId: viewer.department.id } : base;
    case 'breaching':
      return { ...base, breached: false, resolutionDueBefore: new Date(Math.floor(now / 60_000) * 60_000 + TWO_HOURS).toISOString() };
    case 'breached':
      return { ...base, breached: true };
    case 'open':
      return base;
  }
}
