import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { Layout } from '../components/Layout.js';
import { Link, navigate, navigationState } from '../router.js';
import { TRACKED_TICKET, TICKET } from '../ticket/ticket.documents.js';
import { TicketView } from '../ticket/TicketView.js';
import { useViewer } from '../viewer.js';

/** A score from a one-click rating link: /track/<code>?rate=4. */
function scoreFromLink(): number | undefined {
  const score = Number(new URLSearchParams(window.location.search).get('rate'));
  return Number.isInteger(score) && score >= 1 && score <= 5 ? score : undefined;
}

export function TicketPage({ id }: { id: string }) {
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
    <Layout title={ticket ? ticket.title : 'Your ticket'}>
      {justReported && ticket && (
        <p className="notice" role="status">
          Thank you: we have your report, {ticket.number}.
        </p>
      )}
      {mergedFrom && ticket && (
        <p className="notice" role="status">
          Your report {mergedFrom} was about the same problem, so we merged it into {ticket.number}: both conversations are here.
        </p>
      )}
      {loading && !ticket && <p>Loading…</p>}
      {error && <p role="alert">{error.message}</p>}
      {mergedInto && (
        <p className="notice">
          This report was merged into <Link to={`/tickets/${mergedInto.id}`}>{mergedInto.number}</Link>.
        </p>
      )}
      {ticket && !mergedInto && <TicketView ticket={ticket} viewerId={viewer?.id} preselectedScore={scoreFromLink()} refetch={refetch} />}
    </Layout>
  );
}

export function TrackPage({ trackingCode }: { trackingCode: string }) {
  const { data, loading, error, refetch } = useQuery(TRACKED_TICKET, { variables: { trackingCode } });
  const ticket = data?.trackTicket;
  return (
    <Layout title={ticket ? ticket.title : 'Your report'}>
      {loading && !ticket && <p>Loading…</p>}
      {error && <p role="alert">{error.message}</p>}
      {ticket && <TicketView ticket={ticket} trackingCode={trackingCode} preselectedScore={scoreFromLink()} refetch={refetch} />}
    </Layout>
  );
}
