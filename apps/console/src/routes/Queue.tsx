// The queue: views, filters, soonest-due first, cursor pages, live updates, keyboard-first.
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { TICKET_STATUSES, UNRESOLVED_STATUSES } from '@studentdesk/domain';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, NavLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { BulkActions, BulkUndoNotice, type BulkChange } from '../components/BulkActions';
import { ListTable } from '../components/ListTable';
import { SAVED_VIEWS, SAVED_VIEWS_VARIABLES, savedFilter, SavedViews } from '../components/SavedViews';
import { PRIORITY_OPTIONS, PriorityBadge, STATUS_OPTIONS, StatusBadge } from '../components/Badges';
import { FilterSelect, Options } from '../components/FilterSelect';
import { SlaClock } from '../components/SlaClock';
import { IncidentFields } from '../components/IncidentFields';
import { TagList, useTagOptions } from '../components/Tags';
import { useClock } from '../lib/time';
import { graphql } from '../gql';
import type { Priority, TicketFilter, TicketOrder } from '../gql/graphql';
import { useKeys } from '../lib/keys';
import { isQueueView, QUEUE_VIEWS, viewFilter } from '../lib/queue-views';
import { useQueueOrder } from '../queue-order';
import { useViewer } from '../viewer';
import { formText } from '../lib/forms';

export const QUEUE_ROW = graphql(`
  fragment QueueRow on Ticket {
    id
    number
    title
    status
    priority
    contactName
    createdAt
    updatedAt
    ...SlaTimes
    category {
      id
      name
    }
    assignee {
      id
      name
    }
    incident {
      id
      title
    }
    tags {
      ...TagChip
    }
  }
`);

const QUEUE = graphql(`
  query Queue($filter: TicketFilter, $first: Int, $after: String, $orderBy: TicketOrder) {
    tickets(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...QueueRow
        }
      }
    }
  }
`);

const QUEUE_CHANGED = graphql(`
  subscription QueueChanged {
    queueChanged {
      ...QueueRow
    }
  }
`);

const QUEUE_OPTIONS = graphql(`
  query QueueOptions($withStaff: Boolean!) {
    categories {
      id
      name
      department {
        id
      }
    }
    staffMembers @include(if: $withStaff) {
      id
      name
    }
    activeIncidents {
      id
      title
    }
  }
`);

const CREATE_INCIDENT = graphql(`
  mutation CreateIncident($input: CreateIncidentInput!) {
    createIncident(input: $input) {
      id
      title
    }
  }
`);

const LINK_TO_INCIDENT = graphql(`
  mutation LinkToIncident($incidentId: ID!, $ticketIds: [ID!]!) {
    linkTicketsToIncident(incidentId: $incidentId, ticketIds: $ticketIds) {
      id
      ticketCount
    }
  }
`);

const PAGE_SIZE = 50;
const ORDERS: Array<{ value: TicketOrder; label: string }> = [
  { value: 'RESOLUTION_DUE_AT_ASC', label: 'Resolution due, soonest first' },
  { value: 'CREATED_AT_DESC', label: 'Newest first' },
  { value: 'CREATED_AT_ASC', label: 'Oldest first' },
  { value: 'UPDATED_AT_DESC', label: 'Recently changed first' },
];

export function Queue() {
  const viewer = useViewer();
  const { view = 'mine' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const now = useClock();
  const queueOrder = useQueueOrder();
  const searchBox = useRef<HTMLInputElement>(null);
  const [cursorWanted, setCursor] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [incidentDraft, setIncidentDraft] = useState(false);
  const [notice, setNotice] = useState('');
  const [bulkChange, setBulkChange] = useState<BulkChange | null>(null);
  // Where shift+x extends a selection from: the row x last toggled.
  const selectionAnchor = useRef(0);

  const queueView = isQueueView(view) ? view : 'mine';
  const orderBy = (params.get('sort') as TicketOrder | null) ?? 'RESOLUTION_DUE_AT_ASC';
  const savedViews = useQuery(SAVED_VIEWS, { variables: SAVED_VIEWS_VARIABLES });
  const openViewId = params.get('saved');
  const openView = savedViews.data?.savedViews.find((saved) => saved.id === openViewId);
  const paramsFilter = useMemo<TicketFilter>(() => {
    const base = viewFilter(queueView, viewer, now);
    // `open` (every unresolved status) or one status by name; anything else filters nothing.
    const status = params.get('status');
    const statuses = status === 'open' ? UNRESOLVED_STATUSES : TICKET_STATUSES.filter((known) => known === status);
    return {
      ...base,
      ...(statuses.length > 0 ? { status: [...statuses] } : {}),
      ...(params.get('priority') ? { priority: [params.get('priority') as Priority] } : {}),
      ...(params.get('category') ? { categoryId: params.get('category') } : {}),
      ...(params.get('assignee') ? { assigneeId: params.get('assignee') } : {}),
      ...(params.get('q') ? { search: params.get('q') } : {}),
      ...(params.get('tag') ? { tagIds: [params.get('tag')!] } : {}),
    };
    // The breaching window moves with the minute clock.
  }, [queueView, viewer, now, params]);
  // An open saved view decides the filter; the filter controls below start from scratch.
  const filter = useMemo(() => (openView ? savedFilter(openView) : paramsFilter), [openView, paramsFilter]);

  const { data, loading, error, fetchMore, refetch } = useQuery(QUEUE, {
    variables: { filter, first: PAGE_SIZE, orderBy },
    // A saved view's filter is known once the views are.
    skip: Boolean(openViewId) && !savedViews.data,
    notifyOnNetworkStatusChange: true,
  });
  const options = useQuery(QUEUE_OPTIONS, { variables: { withStaff: Boolean(viewer.department) } });
  const tagOptions = useTagOptions();
  const [createIncident] = useMutation(CREATE_INCIDENT);
  const [linkToIncident] = useMutation(LINK_TO_INCIDENT);

  // New and changed tickets: the changed ones update in the cache by themselves; the list is
  // fetched again (once per burst of changes) so new tickets appear and finished ones leave.
  const refetchSoon = useRef<ReturnType<typeof setTimeout> | null>(null);
  const searchPause = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSubscription(QUEUE_CHANGED, {
    skip: !viewer.department && viewer.role !== 'ADMIN',
    onData: () => {
      if (refetchSoon.current) clearTimeout(refetchSoon.current);
      refetchSoon.current = setTimeout(() => void refetch(), 400);
    },
  });
  useEffect(
    () => () => {
      if (refetchSoon.current) clearTimeout(refetchSoon.current);
      if (searchPause.current) clearTimeout(searchPause.current);
    },
    [],
  );

  const tickets = useMemo(() => data?.tickets.edges.map((edge) => edge.node) ?? [], [data]);
  const queuePath = `/queue/${queueView}${params.size ? `?${params}` : ''}`;
  const { remember } = queueOrder;
  useEffect(
    () =>
      remember(
        tickets.map((ticket) => ticket.id),
        queuePath,
      ),
    [remember, tickets, queuePath],
  );

  // The row the keyboard is on; the list may have shrunk under it.
  const cursor = Math.min(cursorWanted, Math.max(0, tickets.length - 1));

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  /** Selects every row between two (both included), as shift+x does. */
  const selectRange = (from: number, to: number) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const ticket of tickets.slice(Math.min(from, to), Math.max(from, to) + 1)) next.add(ticket.id);
      return next;
    });
  const pageIds = tickets.map((ticket) => ticket.id);
  const wholePageSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));

  useKeys({
    j: () => setCursor(Math.min(cursor + 1, tickets.length - 1)),
    ArrowDown: () => setCursor(Math.min(cursor + 1, tickets.length - 1)),
    k: () => setCursor(Math.max(cursor - 1, 0)),
    ArrowUp: () => setCursor(Math.max(cursor - 1, 0)),
    Enter: () => tickets[cursor] && void navigate(`/tickets/${tickets[cursor].id}`),
    o: () => tickets[cursor] && void navigate(`/tickets/${tickets[cursor].id}`),
    x: () => {
      if (!tickets[cursor]) return;
      selectionAnchor.current = cursor;
      toggle(tickets[cursor].id);
    },
    X: () => selectRange(selectionAnchor.current, cursor),
    '/': () => searchBox.current?.focus(),
  });

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.delete('saved');
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const paramFilter = (name: string) => ({ value: params.get(name) ?? '', onChange: (value: string) => setParam(name, value) });

  async function submitIncident(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await createIncident({
      variables: {
        input: {
          title: formText(form, 'title'),
          summary: formText(form, 'summary'),
          categoryId: formText(form, 'categoryId') || null,
          ticketIds: [...selected],
        },
      },
    });
    setIncidentDraft(false);
    setSelected(new Set());
    if (result.data) void navigate(`/incidents/${result.data.createIncident.id}`);
  }

  async function linkSelected(incidentId: string) {
    if (!incidentId) return;
    await linkToIncident({ variables: { incidentId, ticketIds: [...selected] } });
    setNotice(`${selected.size} ticket${selected.size === 1 ? '' : 's'} linked to the incident.`);
    setSelected(new Set());
    await refetch();
  }

  const categories = options.data?.categories ?? [];
  return (
    <section aria-labelledby="queue-title" className="queue">
      <div className="page-head">
        <h1 id="queue-title">Queue</h1>
        <p className="muted" aria-live="polite">
          {data ? `${data.tickets.totalCount} ticket${data.tickets.totalCount === 1 ? '' : 's'}` : ''}
        </p>
      </div>
      <nav aria-label="Queue views" className="tabs">
        {QUEUE_VIEWS.map((option) => (
          <NavLink key={option.key} to={`/queue/${option.key}${params.size ? `?${params}` : ''}`}>
            {option.label}
          </NavLink>
        ))}
      </nav>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          Search
          <input
            ref={searchBox}
            type="search"
            placeholder="SD-1042, email or words"
            defaultValue={params.get('q') ?? ''}
            onChange={(event) => {
              const words = event.currentTarget.value.trim();
              // One query when the typing pauses, not one per key.
              if (searchPause.current) clearTimeout(searchPause.current);
              searchPause.current = setTimeout(() => setParam('q', words), 250);
            }}
            aria-keyshortcuts="/"
          />
        </label>
        <FilterSelect label="Status" every="Unresolved" options={STATUS_OPTIONS} {...paramFilter('status')} />
        <FilterSelect label="Priority" every="Any" options={PRIORITY_OPTIONS} {...paramFilter('priority')} />
        <FilterSelect
          label="Category"
          every="Any"
          options={categories.map((category) => ({ value: category.id, label: category.name }))}
          {...paramFilter('category')}
        />
        {options.data?.staffMembers && (
          <FilterSelect
            label="Assignee"
            every="Anyone"
            options={options.data.staffMembers.map((member) => ({ value: member.id, label: member.name }))}
            {...paramFilter('assignee')}
          />
        )}
        <FilterSelect
          label="Tag"
          every="Any"
          options={tagOptions.map((tag) => ({ value: tag.id, label: tag.name }))}
          {...paramFilter('tag')}
        />
        <label>
          Sort
          <select
            value={orderBy}
            onChange={(event) => setParam('sort', event.currentTarget.value === 'RESOLUTION_DUE_AT_ASC' ? '' : event.currentTarget.value)}
          >
            <Options options={ORDERS} />
          </select>
        </label>
      </form>

      {selected.size > 0 && (
        <div className="selection-bar" role="region" aria-label="Selected tickets">
          <span>{selected.size} selected</span>
          <button type="button" className="primary" onClick={() => setIncidentDraft(true)}>
            Create incident from selected
          </button>
          {(options.data?.activeIncidents.length ?? 0) > 0 && (
            <label>
              Link to incident
              <select value="" onChange={(event) => void linkSelected(event.currentTarget.value)}>
                <option value="">Choose…</option>
                <Options options={options.data!.activeIncidents.map((incident) => ({ value: incident.id, label: incident.title }))} />
              </select>
            </label>
          )}
          <BulkActions
            ticketIds={[...selected]}
            staffMembers={options.data?.staffMembers ?? []}
            onChanged={(change) => {
              setBulkChange(change);
              setSelected(new Set());
              void refetch();
            }}
          />
          <button type="button" onClick={() => setSelected(new Set())}>
            Clear
          </button>
        </div>
      )}
      {bulkChange && (
        <BulkUndoNotice
          key={bulkChange.undoToken}
          change={bulkChange}
          onFinished={() => setBulkChange(null)}
          onUndone={() => void refetch()}
        />
      )}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      {incidentDraft && (
        <form className="panel incident-form" onSubmit={submitIncident} aria-labelledby="new-incident-title">
          <h2 id="new-incident-title">
            New incident from {selected.size} ticket{selected.size === 1 ? '' : 's'}
          </h2>
          <IncidentFields categories={categories} defaultDepartmentId={viewer.department?.id ?? null} />
          <div className="actions">
            <button type="submit" className="primary">
              Create incident
            </button>
            <button type="button" onClick={() => setIncidentDraft(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}

      <SavedViews filter={filter} openId={openView?.id ?? null} linkTo={(id) => `/queue/${queueView}?saved=${encodeURIComponent(id)}`} />
      {error && <p role="alert">The queue could not be loaded: {error.message}</p>}
      <ListTable
        className="queue-table"
        caption={`Tickets, ${ORDERS.find((order) => order.value === orderBy)?.label.toLowerCase()}`}
        columns={[
          {
            hidden: 'Select',
            control: (
              <input
                type="checkbox"
                aria-label="Select all on this page"
                checked={wholePageSelected}
                disabled={pageIds.length === 0}
                onChange={() => setSelected(wholePageSelected ? new Set() : new Set([...selected, ...pageIds]))}
              />
            ),
          },
          'Ticket',
          'Student',
          'Category',
          'Priority',
          'Status',
          'Assignee',
          'Resolution',
        ]}
      >
        {tickets.map((ticket, index) => (
          <tr
            key={ticket.id}
            className={index === cursor ? 'current' : undefined}
            aria-current={index === cursor ? 'true' : undefined}
            onClick={() => setCursor(index)}
          >
            <td>
              <input
                type="checkbox"
                checked={selected.has(ticket.id)}
                onChange={() => toggle(ticket.id)}
                aria-label={`Select ${ticket.number}`}
              />
            </td>
            <td>
              <Link to={`/tickets/${ticket.id}`} className="ticket-link">
                <span className="number">{ticket.number}</span> {ticket.title}
              </Link>
              {ticket.incident && <span className="badge incident">Incident: {ticket.incident.title}</span>}
              <TagList tags={ticket.tags} />
            </td>
            <td>{ticket.contactName}</td>
            <td>{ticket.category.name}</td>
            <td>
              <PriorityBadge priority={ticket.priority} />
            </td>
            <td>
              <StatusBadge status={ticket.status} />
            </td>
            <td>{ticket.assignee?.name ?? <span className="muted">Unassigned</span>}</td>
            <td>
              <SlaClock
                dueAt={ticket.resolutionDueAt}
                doneAt={ticket.resolvedAt}
                pausedAt={ticket.slaPausedAt}
                now={now}
                timeZone={ticket.department.timeZone}
              />
            </td>
          </tr>
        ))}
      </ListTable>
      {!loading && tickets.length === 0 && <p className="empty">Nothing here. Well done.</p>}
      {data?.tickets.pageInfo.hasNextPage && (
        <button
          type="button"
          className="load-more"
          disabled={loading}
          onClick={() => void fetchMore({ variables: { after: data.tickets.pageInfo.endCursor } })}
        >
          Load more
        </button>
      )}
      {loading && (
        <p className="loading" aria-live="polite">
          Loading…
        </p>
      )}
    </section>
  );
}
