// The queue's saved views: named filters with live counts. Counts are fetched again (at most once
// a second) whenever the queue changes, so they follow new and changed tickets without a reload.
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { graphql } from '../gql';
import type { TicketFilter } from '../gql/graphql';
import { formText } from '../lib/forms';
import { seesEveryDepartment, useViewer } from '../viewer';

/** Counting stops at this many: a sidebar needs "1,000+", not the exact size of a year's closed tickets. */
const COUNT_UP_TO = 1000;
/** The variables every SAVED_VIEWS query passes. */
export const SAVED_VIEWS_VARIABLES = { countUpTo: COUNT_UP_TO };
const countInWords = (count: number) => (count >= COUNT_UP_TO ? `${COUNT_UP_TO.toLocaleString('en')}+` : String(count));

export const SAVED_VIEWS = graphql(`
  query SavedViews($countUpTo: Int) {
    savedViews {
      id
      name
      filter
      count(upTo: $countUpTo)
      department {
        id
        name
      }
    }
  }
`);

const QUEUE_TOUCHED = graphql(`
  subscription QueueTouched {
    queueChanged {
      id
    }
  }
`);

const SAVE_VIEW = graphql(`
  mutation SaveView($input: SaveViewInput!) {
    saveView(input: $input) {
      id
    }
  }
`);

const DELETE_VIEW = graphql(`
  mutation DeleteView($id: ID!) {
    deleteView(id: $id)
  }
`);

const COUNT_REFRESH_MS = 1000;

/** The filter a saved view keeps, as the queue passes it to `tickets(filter:)`. */
export const savedFilter = (view: { filter: string }): TicketFilter => JSON.parse(view.filter) as TicketFilter;

/** The sidebar: every view the viewer has, with its count; `filter` is what "Save view" keeps. */
export function SavedViews({ filter, openId, linkTo }: { filter: TicketFilter; openId: string | null; linkTo: (id: string) => string }) {
  const viewer = useViewer();
  const { data, error, refetch } = useQuery(SAVED_VIEWS, { variables: SAVED_VIEWS_VARIABLES });
  const [saveView] = useMutation(SAVE_VIEW);
  const [deleteView] = useMutation(DELETE_VIEW);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState('');

  const refreshSoon = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSubscription(QUEUE_TOUCHED, {
    skip: !viewer.department && viewer.role !== 'ADMIN',
    onData: () => {
      if (refreshSoon.current) return;
      refreshSoon.current = setTimeout(() => {
        refreshSoon.current = null;
        void refetch();
      }, COUNT_REFRESH_MS);
    },
  });
  useEffect(
    () => () => {
      if (refreshSoon.current) clearTimeout(refreshSoon.current);
    },
    [],
  );

  const mayShare = seesEveryDepartment(viewer) && viewer.department;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await saveView({
        variables: {
          input: {
            name: formText(form, 'name'),
            filter,
            departmentId: form.get('shared') && viewer.department ? viewer.department.id : null,
          },
        },
      });
      setSaving(false);
      setProblem('');
      await refetch();
    } catch (failure) {
      setProblem(failure instanceof Error ? failure.message : String(failure));
    }
  }

  async function remove(id: string) {
    await deleteView({ variables: { id } });
    await refetch();
  }

  return (
    <aside className="saved-views" aria-labelledby="saved-views-title">
      <h2 id="saved-views-title">Saved views</h2>
      {error && <p role="alert">Saved views could not be loaded: {error.message}</p>}
      <ul>
        {data?.savedViews.map((view) => (
          <li key={view.id}>
            <Link to={linkTo(view.id)} aria-current={view.id === openId ? 'page' : undefined}>
              <span className="name">{view.name}</span>{' '}
              <span className="count" aria-label={`${countInWords(view.count)} matching`}>
                {countInWords(view.count)}
              </span>
            </Link>
            {view.department && <span className="muted"> · {view.department.name}</span>}
            {(!view.department || seesEveryDepartment(viewer)) && (
              <button type="button" className="link" aria-label={`Delete ${view.name}`} onClick={() => void remove(view.id)}>
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      {saving ? (
        <form onSubmit={submit} aria-label="Save view">
          <label>
            Name
            {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the field the button opened */}
            <input name="name" required maxLength={80} autoFocus />
          </label>
          {mayShare && (
            <label>
              <input type="checkbox" name="shared" /> Share with {viewer.department!.name}
            </label>
          )}
          {problem && <p role="alert">{problem}</p>}
          <div className="actions">
            <button type="submit" className="primary">
              Save
            </button>
            <button type="button" onClick={() => setSaving(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setSaving(true)}>
          Save view
        </button>
      )}
    </aside>
  );
}
