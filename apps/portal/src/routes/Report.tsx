import { Layout } from '../components/Layout.js';
import { useSay } from '../i18n/say.js';
import { ReportForm } from '../report/ReportForm.js';
import { navigate } from '../router.js';
import { useViewer } from '../viewer.js';

export function Report({ guest }: { guest: boolean }) {
  const t = useSay();
  const { viewer } = useViewer();
  return (
    <Layout title={t(guest ? 'report.guestTitle' : 'layout.report')}>
      {guest && <p>{t('report.guestIntro')}</p>}
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
