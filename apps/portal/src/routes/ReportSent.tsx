import { Layout } from '../components/Layout.js';
import { Link, navigationState } from '../router.js';

export function ReportSent() {
  const sent = navigationState<{ number: string; trackingCode: string }>();
  if (!sent?.trackingCode) {
    return (
      <Layout title="Report sent">
        <p>Your report was sent. The link to follow it is in the email we sent you.</p>
      </Layout>
    );
  }
  const path = `/track/${sent.trackingCode}`;
  const url = `${window.location.origin}${path}`;
  return (
    <Layout title="Thank you: we have your report">
      <div className="card">
        <p>
          Your ticket number is <strong className="ticket-number">{sent.number}</strong>.
        </p>
        <p>
          Bookmark this link: it shows how your report is going, lets you answer us and, once solved, rate our help. We have emailed it to
          you too.
        </p>
        <p className="tracking-link">
          <Link to={path}>{url}</Link>
        </p>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(url)}>
          Copy the link
        </button>
        <p className="hint">Keep it to yourself: anyone with the link can read your ticket.</p>
      </div>
    </Layout>
  );
}
