// The email outbox: every email the desk wrote to students, newest first, with where it stands.
// Without an SMTP server the emails stay here, waiting; this is where an admin reads them.
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ToneBadge } from '../components/Badges';
import { FilterSelect } from '../components/FilterSelect';
import { ListTable } from '../components/ListTable';
import { LoadMore } from '../components/LoadMore';
import { graphql } from '../gql';
import type { DeliveryStatus } from '../gql/graphql';
import { EMAIL_KIND_LABELS, EMAIL_STATUS } from '../lib/integrations';
import { formatDateTime } from '../lib/time';

const EMAIL_OUTBOX = graphql(`
  query EmailOutbox($status: [DeliveryStatus!], $after: String) {
    emailOutbox(status: $status, first: 25, after: $after) {
      edges {
        cursor
        node {
          id
          toAddress
          subject
          kind
          status
          attempts
          createdAt
          sentAt
          error
          text
        }
      }
      pageInfo {
        ...MorePages
      }
    }
  }
`);

const STATUS_OPTIONS = (Object.keys(EMAIL_STATUS) as DeliveryStatus[]).map((status) => ({
  value: status,
  label: EMAIL_STATUS[status].label,
}));

export default function EmailOutbox() {
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const { data, error, fetchMore } = useQuery(EMAIL_OUTBOX, {
    variables: { status: status ? [status] : null },
    fetchPolicy: 'cache-and-network',
  });
  const emails = data?.emailOutbox.edges.map((edge) => edge.node) ?? [];

  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">Email outbox</h1>
      <p className="muted">
        Every email written to students, newest first. Failed emails were tried several times; the mail server’s last error is shown.
      </p>
      <div className="filters">
        <FilterSelect label="Status" every="Every status" value={status} options={STATUS_OPTIONS} onChange={setStatus} />
      </div>
      {error && <p role="alert">The outbox could not be loaded: {error.message}</p>}
      {emails.length > 0 && (
        <ListTable labelledBy="outbox-title" columns={['To', 'Subject', 'Kind', 'Status', 'Written', 'Sent or failed']}>
          {emails.map((email) => (
            <tr key={email.id}>
              <td>{email.toAddress}</td>
              <th scope="row">
                <details>
                  <summary>{email.subject}</summary>
                  <pre className="payload">{email.text}</pre>
                </details>
              </th>
              <td>{EMAIL_KIND_LABELS[email.kind]}</td>
              <td>
                <ToneBadge tone={EMAIL_STATUS[email.status].tone}>{EMAIL_STATUS[email.status].label}</ToneBadge>
              </td>
              <td>{formatDateTime(email.createdAt)}</td>
              <td>
                {email.sentAt && formatDateTime(email.sentAt)}
                {email.error && <span className="problem">{email.error}</span>}
                {email.attempts > 0 && (
                  <span className="muted">
                    {' '}
                    ({email.attempts} {email.attempts === 1 ? 'try' : 'tries'})
                  </span>
                )}
                {!email.sentAt && !email.error && email.attempts === 0 && <span className="muted">Not tried yet</span>}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {data && emails.length === 0 && (
        <p className="empty">
          {status ? 'No emails in this status.' : 'No emails yet. They appear here when the desk writes to a student.'}
        </p>
      )}
      <LoadMore pageInfo={data?.emailOutbox.pageInfo} label="Load older emails" onMore={(after) => fetchMore({ variables: { after } })} />
    </section>
  );
}
