import { useQuery } from '@apollo/client/react';
import { Layout } from '../components/Layout.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { failureInWords } from '../errors.js';
import { graphql } from '../gql/index.js';
import { say, useIntl } from '../i18n/say.js';
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
  const intl = useIntl();
  const { data, loading, error, fetchMore } = useQuery(MY_TICKETS, { fetchPolicy: 'cache-and-network' });
  const tickets = data?.tickets;
  return (
    <Layout title={say(intl, 'layout.myTickets')}>
      <p>
        <Link to="/report" className="button primary">
          {say(intl, 'layout.report')}
        </Link>
      </p>
      {error && <p role="alert">{say(intl, 'myTickets.loadError', { reason: failureInWords(error, intl) })}</p>}
      {loading && !tickets && <p>{say(intl, 'myTickets.loading')}</p>}
      {tickets && tickets.edges.length === 0 && <p>{say(intl, 'myTickets.empty')}</p>}
      {tickets && tickets.edges.length > 0 && (
        <ul className="ticket-list">
          {tickets.edges.map(({ node: ticket }) => (
            <li key={ticket.id} className="card">
              <h2>
                <Link to={`/tickets/${ticket.id}`}>
                  {ticket.number}: <bdi>{ticket.title}</bdi>
                </Link>
              </h2>
              <p>
                <StatusBadge status={ticket.status} /> {handlerInWords(ticket, intl)}
              </p>
              <p className="expectation">{expectationInWords(ticket, intl)}</p>
            </li>
          ))}
        </ul>
      )}
      {tickets?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => fetchMore({ variables: { after: tickets.pageInfo.endCursor } })}>
          {say(intl, 'myTickets.older')}
        </button>
      )}
    </Layout>
  );
}
