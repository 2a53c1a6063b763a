import { Layout } from '../components/Layout.js';
import { ReportForm } from '../report/ReportForm.js';
import { navigate } from '../router.js';
import { useViewer } from '../viewer.js';

export function Report({ guest }: { guest: boolean }) {
  const { viewer } = useViewer();
  return (
    <Layout title={guest ? 'Report a problem without signing in' : 'Report a problem'}>
      {guest && <p>No account needed. You will get a link to follow your report and talk to us.</p>}
      <ReportForm
        owner={guest || !viewer ? 'guest' : `user:${viewer.id}`}
        guest={guest}
        onReported={(reported) =>
          guest
            ? navigate('/report/sent', { state: { number: reported.ticket.number, trackingCode: reported.trackingCode } })
            : navigate(`/tickets/${reported.ticket.id}`, { state: { justReported: true } })
        }
        onAnswered={(answer) => navigate('/report/answered', { state: answer })}
      />
    </Layout>
  );
}
