// "Merge into…": a duplicate report (this ticket) merged into the ticket that stays, picked by its
// number or from the same student's other open tickets. The dialog names both tickets and says
// what will happen before anything does; afterwards the agent is taken to the ticket that stays.
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { isResolved, type TicketStatus } from '@studentdesk/domain';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { graphql } from '../gql';
import { useAction } from '../lib/use-action';
import { ActionOutcome } from './ActionOutcome';
import { StatusBadge } from './Badges';

const MERGE_CANDIDATES = graphql(`
  query MergeCandidates($ticketId: ID!) {
    ticket(id: $ticketId) {
      id
      mergedInto {
        id
        number
      }
    }
    studentPanel(ticketId: $ticketId) {
      tickets {
        id
        number
        title
        status
      }
    }
  }
`);

const TICKET_BY_NUMBER = graphql(`
  query MergeTargetByNumber($number: String!) {
    tickets(first: 1, filter: { search: $number }) {
      edges {
        node {
          id
          number
          title
          status
          contactName
          contactEmail
          mergedInto {
            id
          }
        }
      }
    }
  }
`);

const MERGE = graphql(`
  mutation MergeTickets($input: MergeTicketsInput!) {
    mergeTickets(input: $input) {
      id
    }
  }
`);

interface Target {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  contactEmail?: string;
}

interface Source {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  contactName: string;
  contactEmail: string;
}

/** The action in the ticket's actions section, or where a merged ticket's conversation went. */
export function MergeTicketAction({ ticket }: { ticket: Source }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const candidates = useQuery(MERGE_CANDIDATES, { variables: { ticketId: ticket.id } });
  const mergedInto = candidates.data?.ticket?.mergedInto;
  if (mergedInto) {
    return (
      <p className="notice">
        Merged into <Link to={`/tickets/${mergedInto.id}`}>{mergedInto.number}</Link>
      </p>
    );
  }
  // The student's other tickets still open, newest first as the panel lists them.
  const openSiblings = (candidates.data?.studentPanel?.tickets ?? []).filter(
    (other) => other.id !== ticket.id && !isResolved(other.status),
  );
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()} disabled={ticket.status === 'CLOSED'}>
        Merge into…
      </button>
      <dialog ref={dialog} aria-labelledby="merge-title">
        <MergeForm source={ticket} siblings={openSiblings} close={() => dialog.current?.close()} />
      </dialog>
    </>
  );
}

function MergeForm({ source, siblings, close }: { source: Source; siblings: Target[]; close: () => void }) {
  const navigate = useNavigate();
  const [target, setTarget] = useState<Target | null>(null);
  const [lookup, setLookup] = useState('');
  const [note, setNote] = useState('');
  const { problem, run, clear } = useAction();
  const [findByNumber, found] = useLazyQuery(TICKET_BY_NUMBER, { fetchPolicy: 'network-only' });
  const [merge, merging] = useMutation(MERGE);

  function choose(next: Target | null) {
    clear();
    setTarget(next);
  }

  async function find(event: FormEvent) {
    event.preventDefault();
    const number = lookup.trim().toUpperCase();
    if (!number) return;
    await run(async () => {
      const { data } = await findByNumber({ variables: { number } });
      const match = data?.tickets.edges.map((edge) => edge.node).find((node) => node.number === number);
      if (!match) throw new Error(`No ticket ${number} that you can see.`);
      if (match.id === source.id) throw new Error('That is this ticket. Choose the report that stays.');
      choose(match);
    });
  }

  async function confirm() {
    if (!target) return;
    const merged = await run(() =>
      merge({ variables: { input: { sourceId: source.id, targetId: target.id, note: note.trim() || null } } }),
    );
    if (merged) {
      close();
      void navigate(`/tickets/${target.id}`);
    }
  }

  const otherStudent = target?.contactEmail !== undefined && target.contactEmail.toLowerCase() !== source.contactEmail.toLowerCase();
  return (
    <div className="merge-form">
      <h2 id="merge-title">Merge {source.number} into another ticket</h2>
      <p>
        <strong>{source.number}</strong> {source.title}
      </p>
      <form onSubmit={find} className="inline-form">
        <label>
          Ticket that stays
          <input value={lookup} onChange={(event) => setLookup(event.currentTarget.value)} placeholder="SD-123" />
        </label>
        <button type="submit" disabled={found.loading}>
          Find
        </button>
      </form>
      {siblings.length > 0 && (
        <fieldset>
          <legend>Or one of {source.contactName.split(' ')[0]}’s open tickets</legend>
          {siblings.map((sibling) => (
            <label key={sibling.id} className="inline">
              <input type="radio" name="merge-target" checked={target?.id === sibling.id} onChange={() => choose(sibling)} />{' '}
              {sibling.number} {sibling.title} <StatusBadge status={sibling.status} />
            </label>
          ))}
        </fieldset>
      )}
      {target && (
        <section aria-label="What merging does" className="notice">
          <p>
            <strong>{source.number}</strong> “{source.title}” will be merged into <strong>{target.number}</strong> “{target.title}”:
          </p>
          <ul>
            <li>its messages move to {target.number}, in the order they were written;</li>
            <li>
              {source.number} is closed, and its links lead to {target.number};
            </li>
            <li>the student is emailed once that their two reports are now one.</li>
          </ul>
          {otherStudent && (
            <p role="alert">
              {target.number} was reported by someone else ({target.contactEmail}): merged, each would read the other’s messages. Link both
              to an incident instead.
            </p>
          )}
          <label>
            Note for colleagues (optional)
            <textarea rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
          </label>
        </section>
      )}
      <ActionOutcome problem={problem} />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void confirm()} disabled={!target || merging.loading || otherStudent}>
          {target ? `Merge into ${target.number}` : 'Merge'}
        </button>
        <button type="button" onClick={close}>
          Cancel
        </button>
      </div>
    </div>
  );
}
