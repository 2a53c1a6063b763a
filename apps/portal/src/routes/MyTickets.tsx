import { useQuery } from '@apollo/client/react';
import { Layout } from '../components/Layout.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { graphql } from '../gql/index.js';
import { Link } from '../router.js';
import { expectationInWords, handlerInWords } from '../words.js';

const MY_TICKETS = graphql(`
  query MyTickets($after: String) {
    # A duplicate merged into another ticket is shown through the ticket that stays.
    tickets(first: 20, after: $after, filter: { merged: false }) {
      edges {
        node {
          id
          number
          title
          createdAt
          ...TicketPromise
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export function MyTickets() {
  const { data, loading, error, fetchMore } = useQuery(MY_TICKETS, { fetchPolicy: 'cache-and-network' });
  const tickets = data?.tickets;
  return (
    <Layout title="My tickets">
      <p>
        <Link to="/report" className="button primary">
          Report a problem
        </Link>
      </p>
      {error && <p role="alert">We could not load your tickets. {error.message}</p>}
      {loading && !tickets && <p>Loading your tickets…</p>}
      {tickets && tickets.edges.length === 0 && <p>You have not reported anything yet.</p>}
      {tickets && tickets.edges.length > 0 && (
        <ul className="ticket-list">
          {tickets.edges.map(({ node: ticket }) => (
            <li key={ticket.id} className="card">
              <h2>
                <Link to={`/tickets/${ticket.id}`}>
                  {ticket.number}: {ticket.title}
                </Link>
              </h2>
              <p>
                <StatusBadge status={ticket.status} /> {handlerInWords(ticket)}
              </p>
              <p className="expectation">{expectationInWords(ticket)}</p>
            </li>
          ))}
        </ul>
      )}
      {tickets?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => fetchMore({ variables: { after: tickets.pageInfo.endCursor } })}>
          Show older tickets
        </button>
      )}
    </Layout>
  );
}
