// A student's tickets: which to show (open, waiting on them, resolved), words of a title to find
// one, and an order; each says in one line where it is and who acted last, and when to expect us.
import type { ApolloClient } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { RESOLVED_STATUSES, TicketStatus } from '@studentdesk/domain';
import { useEffect, useId, useState } from 'react';
import { ChoiceGroup, Field } from '../components/Field.js';
import { Layout } from '../components/Layout.js';
import { failureInWords } from '../errors.js';
import { graphql } from '../gql/index.js';
import type { TicketOrder } from '../gql/graphql.js';
import { say, useIntl } from '../i18n/say.js';
import { Link } from '../router.js';
import { useViewer } from '../viewer.js';
import { expectationInWords, handlerInWords, statusLineInWords } from '../words.js';

const MY_TICKETS = graphql(`
  query MyTickets($after: String, $status: [TicketStatus!], $search: String, $orderBy: TicketOrder) {
    # A duplicate merged into another ticket is shown through the ticket that stays.
    tickets(first: 20, after: $after, filter: { merged: false, status: $status, search: $search }, orderBy: $orderBy) {
      edges {
        node {
          id
          number
          title
          createdAt
          ...TicketPromise
          messages(last: 1) {
            edges {
              node {
                id
                ...LastMessage
              }
            }
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Which tickets to show, and the statuses each choice stands for (null: all of them). */
const SHOWN = {
  all: null,
  open: [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.WAITING_ON_STUDENT],
  waiting: [TicketStatus.WAITING_ON_STUDENT],
  resolved: [...RESOLVED_STATUSES],
} as const;
type Shown = keyof typeof SHOWN;

const ORDERS = ['CREATED_AT_DESC', 'UPDATED_AT_DESC', 'RESOLUTION_DUE_AT_ASC', 'CREATED_AT_ASC'] as const satisfies readonly TicketOrder[];

const variablesFor = (shown: Shown, search: string, orderBy: TicketOrder) => ({
  status: SHOWN[shown] ? [...SHOWN[shown]] : null,
  search: search || null,
  orderBy,
});
/** What the page shows first. */
const FIRST_VIEW = { shown: 'all', order: 'CREATED_AT_DESC' } as const satisfies { shown: Shown; order: TicketOrder };

/**
 * Asks for the first view's tickets before the page renders (it waits for the sign-in check), so the
 * two round trips run side by side. A failure is the page's to show: it asks again when it renders.
 */
export function prefetchMyTickets(client: ApolloClient) {
  client.query({ query: MY_TICKETS, variables: variablesFor(FIRST_VIEW.shown, '', FIRST_VIEW.order) }).catch(() => {});
}

/** The words settle for this long before the desk is asked, so typing stays smooth. */
const TYPING_PAUSE_MS = 300;

export function MyTickets() {
  const intl = useIntl();
  const { viewer } = useViewer();
  const sortId = useId();
  const [shown, setShown] = useState<Shown>(FIRST_VIEW.shown);
  const [order, setOrder] = useState<TicketOrder>(FIRST_VIEW.order);
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const narrowed = shown !== 'all' || search !== '';

  const { data, loading, error, fetchMore } = useQuery(MY_TICKETS, {
    variables: variablesFor(shown, search, order),
    fetchPolicy: 'cache-and-network',
  });
  const tickets = data?.tickets;
  return (
    <Layout title={say(intl, 'layout.myTickets')}>
      <p>
        <Link to="/report" className="button primary">
          {say(intl, 'layout.report')}
        </Link>
      </p>
      <form role="search" className="card ticket-filters" onSubmit={(event) => event.preventDefault()}>
        <ChoiceGroup<Shown>
          legend={say(intl, 'myTickets.show')}
          name="shown"
          choices={(Object.keys(SHOWN) as Shown[]).map((choice) => [choice, say(intl, `myTickets.show.${choice}`)] as const)}
          chosen={shown}
          onChoose={setShown}
        />
        <Field label={say(intl, 'myTickets.search')} hint={say(intl, 'myTickets.searchHint')}>
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} dir="auto" />
        </Field>
        <div className="field">
          <label htmlFor={sortId}>{say(intl, 'myTickets.sort')}</label>
          <select id={sortId} value={order} onChange={(event) => setOrder(event.target.value as TicketOrder)}>
            {ORDERS.map((value) => (
              <option key={value} value={value}>
                {say(intl, `myTickets.sort.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && <p role="alert">{say(intl, 'myTickets.loadError', { reason: failureInWords(error, intl) })}</p>}
      {loading && !tickets && <p>{say(intl, 'myTickets.loading')}</p>}
      <section aria-live="polite" aria-label={say(intl, 'myTickets.results')}>
        {tickets && tickets.edges.length === 0 && <p>{say(intl, narrowed ? 'myTickets.noMatch' : 'myTickets.empty')}</p>}
        {tickets && tickets.edges.length > 0 && (
          <ul className="ticket-list">
            {tickets.edges.map(({ node: ticket }) => (
              <li key={ticket.id} className="card">
                <h2>
                  <Link to={`/tickets/${ticket.id}`}>
                    {ticket.number}: <bdi>{ticket.title}</bdi>
                  </Link>
                </h2>
                {/* One line, the status first; the edge colour marks the ones waiting on the student. */}
                <p className={`status-line status-line-${ticket.status.toLowerCase()}`} dir="auto">
                  {statusLineInWords(ticket, ticket.messages.edges[0]?.node, viewer?.id, intl)}
                </p>
                <p className="ticket-meta">{handlerInWords(ticket, intl)}</p>
                <p className="expectation">{expectationInWords(ticket, intl)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {tickets?.pageInfo.hasNextPage && (
        <button type="button" onClick={() => fetchMore({ variables: { after: tickets.pageInfo.endCursor } })}>
          {say(intl, 'myTickets.older')}
        </button>
      )}
    </Layout>
  );
}
