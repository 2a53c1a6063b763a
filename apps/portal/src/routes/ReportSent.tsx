import { Layout } from '../components/Layout.js';
import { sayRich, useIntl, useSay } from '../i18n/say.js';
import { Link, navigationState } from '../router.js';

export function ReportSent() {
  const t = useSay();
  const intl = useIntl();
  const sent = navigationState<{ number: string; trackingCode: string }>();
  if (!sent?.trackingCode) {
    return (
      <Layout title={t('sent.title')}>
        <p>{t('sent.body')}</p>
      </Layout>
    );
  }
  const path = `/track/${sent.trackingCode}`;
  const url = `${window.location.origin}${path}`;
  return (
    <Layout title={t('sent.thanks')}>
      <div className="card">
        <p>
          {sayRich(intl, 'sent.number', {
            number: sent.number,
            strong: (chunks) => <strong className="ticket-number">{chunks}</strong>,
          })}
        </p>
        <p>{t('sent.bookmark')}</p>
        <p className="tracking-link" dir="ltr">
          <Link to={path}>{url}</Link>
        </p>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(url)}>
          {t('sent.copy')}
        </button>
        <p className="hint">{t('sent.private')}</p>
      </div>
    </Layout>
  );
}
