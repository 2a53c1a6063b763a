import type { ApolloClient } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { Layout } from '../components/Layout.js';
import { failureInWords } from '../errors.js';
import { sayRich, useIntl, useSay } from '../i18n/say.js';
import { Link, navigate, navigationState } from '../router.js';
import { TRACKED_TICKET, TICKET } from '../ticket/ticket.documents.js';
import { TicketView } from '../ticket/TicketView.js';
import { useViewer } from '../viewer.js';

/** A score from a one-click rating link: /track/<code>?rate=4. */
function scoreFromLink(): number | undefined {
  const score = Number(new URLSearchParams(window.location.search).get('rate'));
  return Number.isInteger(score) && score >= 1 && score <= 5 ? score : undefined;
}

/** Whether the ticket is simply not there for this person: a mistyped address, an old link, someone else's ticket. */
const isMissing = (error: unknown) =>
  CombinedGraphQLErrors.is(error) &&
  error.errors.some((graphQLError) => ['NOT_FOUND', 'BAD_USER_INPUT', 'FORBIDDEN'].includes(String(graphQLError.extensions?.code)));

/** Instead of the API's words about IDs: what probably happened, and the ways on. */
function TicketNotFound({ signedIn }: { signedIn: boolean }) {
  const t = useSay();
  return (
    <div className="card" role="alert">
      <p>{t('ticket.missing')}</p>
      <ul>
        {signedIn && (
          <li>
            <Link to="/">{t('layout.myTickets')}</Link>
          </li>
        )}
        <li>
          <Link to="/track">{t('signIn.lostLink')}</Link>
        </li>
        <li>
          <Link to={signedIn ? '/report' : '/report/guest'}>{t('layout.report')}</Link>
        </li>
      </ul>
    </div>
  );
}

/**
 * Asks for the ticket before the page renders (it waits for the sign-in check), so the two round
 * trips run side by side. A failure is the page's to show: it asks again when it renders.
 */
export function prefetchTicket(client: ApolloClient, id: string) {
  client.query({ query: TICKET, variables: { id } }).catch(() => {});
}

export function TicketPage({ id }: { id: string }) {
  const t = useSay();
  const intl = useIntl();
  const { viewer } = useViewer();
  const { data, loading, error, refetch } = useQuery(TICKET, { variables: { id } });
  const ticket = data?.ticket;
  const { justReported, mergedFrom } = navigationState<{ justReported?: boolean; mergedFrom?: string }>() ?? {};
  const mergedInto = ticket?.mergedInto;
  // An old link to a merged report leads on to the ticket that stays, saying why.
  useEffect(() => {
    if (ticket && mergedInto) navigate(`/tickets/${mergedInto.id}`, { replace: true, state: { mergedFrom: ticket.number } });
  }, [ticket, mergedInto]);
  return (
    <Layout title={ticket ? ticket.title : isMissing(error) ? t('ticket.notFound') : t('ticket.yourTicket')}>
      {justReported && ticket && (
        <p className="notice" role="status">
          {t('ticket.thanks', { number: ticket.number })}
        </p>
      )}
      {mergedFrom && ticket && (
        <p className="notice" role="status">
          {t('ticket.mergedFrom', { from: mergedFrom, number: ticket.number })}
        </p>
      )}
      {loading && !ticket && <p>{t('common.loading')}</p>}
      {error && (isMissing(error) ? <TicketNotFound signedIn={Boolean(viewer)} /> : <p role="alert">{failureInWords(error, intl)}</p>)}
      {mergedInto && (
        <p className="notice">
          {sayRich(intl, 'ticket.mergedInto', {
            number: mergedInto.number,
            link: (chunks) => <Link to={`/tickets/${mergedInto.id}`}>{chunks}</Link>,
          })}
        </p>
      )}
      {ticket && !mergedInto && <TicketView ticket={ticket} viewerId={viewer?.id} preselectedScore={scoreFromLink()} refetch={refetch} />}
    </Layout>
  );
}

export function TrackPage({ trackingCode }: { trackingCode: string }) {
  const t = useSay();
  const intl = useIntl();
  const { data, loading, error, refetch } = useQuery(TRACKED_TICKET, { variables: { trackingCode } });
  const ticket = data?.trackTicket;
  return (
    <Layout title={ticket ? ticket.title : isMissing(error) ? t('ticket.notFound') : t('ticket.yourReport')}>
      {loading && !ticket && <p>{t('common.loading')}</p>}
      {error && (isMissing(error) ? <TicketNotFound signedIn={false} /> : <p role="alert">{failureInWords(error, intl)}</p>)}
      {ticket && <TicketView ticket={ticket} trackingCode={trackingCode} preselectedScore={scoreFromLink()} refetch={refetch} />}
    </Layout>
  );
}
