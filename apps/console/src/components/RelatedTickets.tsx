// Related tickets beside the conversation: linked by number, unlinked with one click. Linking is
// not merging: each ticket keeps its own conversation and student.
import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { graphql } from '../gql';
import { useAction } from '../lib/use-action';
import { ActionOutcome } from './ActionOutcome';
import { StatusBadge } from './Badges';

export const RELATED = graphql(`
  fragment Related on Ticket {
    id
    relatedTickets {
      id
      number
      title
      status
    }
  }
`);

export const RELATED_TICKETS = graphql(`
  query RelatedTickets($ticketId: ID!) {
    ticket(id: $ticketId) {
      ...Related
    }
  }
`);

const FIND_BY_NUMBER = graphql(`
  query RelatedByNumber($number: String!) {
    tickets(first: 1, filter: { search: $number }) {
      edges {
        node {
          id
          number
        }
      }
    }
  }
`);

const LINK = graphql(`
  mutation LinkTickets($ticketId: ID!, $relatedTicketId: ID!) {
    linkTickets(ticketId: $ticketId, relatedTicketId: $relatedTicketId) {
      ...Related
    }
  }
`);

const UNLINK = graphql(`
  mutation UnlinkTickets($ticketId: ID!, $relatedTicketId: ID!) {
    unlinkTickets(ticketId: $ticketId, relatedTicketId: $relatedTicketId) {
      ...Related
    }
  }
`);

export function RelatedTickets({ ticketId }: { ticketId: string }) {
  const { data } = useQuery(RELATED_TICKETS, { variables: { ticketId } });
  const [number, setNumber] = useState('');
  const [find] = useLazyQuery(FIND_BY_NUMBER, { fetchPolicy: 'network-only' });
  const [link] = useMutation(LINK);
  const [unlink] = useMutation(UNLINK);
  const { problem, run } = useAction();
  const related = data?.ticket?.relatedTickets ?? [];

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const wanted = number.trim().toUpperCase();
    const linked = await run(async () => {
      const found = (await find({ variables: { number: wanted } })).data?.tickets.edges[0]?.node;
      if (!found || found.number !== wanted) throw new Error(`No ticket ${wanted} that you can see.`);
      await link({ variables: { ticketId, relatedTicketId: found.id } });
    });
    if (linked) setNumber('');
  }

  return (
    <section className="panel related-tickets" aria-labelledby="related-title">
      <h2 id="related-title">Related tickets</h2>
      {related.length === 0 ? (
        <p className="muted">None linked.</p>
      ) : (
        <ul>
          {related.map((other) => (
            <li key={other.id}>
              <Link to={`/tickets/${other.id}`}>
                {other.number} {other.title}
              </Link>{' '}
              <StatusBadge status={other.status} />{' '}
              <button
                type="button"
                aria-label={`Unlink ${other.number}`}
                onClick={() => void run(() => unlink({ variables: { ticketId, relatedTicketId: other.id } }))}
              >
                Unlink
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="inline">
        <label>
          Link ticket number
          <input value={number} placeholder="SD-1042" onChange={(event) => setNumber(event.currentTarget.value)} required />
        </label>
        <button type="submit">Link</button>
      </form>
      <ActionOutcome problem={problem} />
    </section>
  );
}
