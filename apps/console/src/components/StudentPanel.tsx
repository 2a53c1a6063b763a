import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { LANGUAGE_NAMES, isLanguage } from '@studentdesk/domain';
import { graphql } from '../gql';
import { useSay } from '../i18n/catalogs';
import { formatDateTime } from '../lib/time';
import { StatusBadge } from './Badges';

const STUDENT_PANEL = graphql(`
  query StudentPanel($ticketId: ID!) {
    ticket(id: $ticketId) {
      id
      language
    }
    studentPanel(ticketId: $ticketId) {
      name
      firstName
      email
      studentNumber
      account {
        id
        language
      }
      ticketCount
      openTicketCount
      ratingCount
      averageScore
      tickets {
        id
        number
        title
        status
        createdAt
        rating {
          score
          comment
          expectation
        }
      }
    }
  }
`);

/** Who the student is and their history, so staff greet them by name and know the story. */
/**
 * The student's language, named in itself, so staff know which to write in: their account's
 * choice, else the one they reported in (guests too), else not known.
 */
function StudentLanguage({ account, reportedIn }: { account: { language: string | null } | null; reportedIn: string | null }) {
  const t = useSay();
  const language = account?.language ?? reportedIn;
  if (!isLanguage(language)) return <span className="muted">{t(account ? 'student.followsBrowser' : 'student.noAccount')}</span>;
  return (
    <span lang={language}>
      {LANGUAGE_NAMES[language]} ({language})
    </span>
  );
}

export function StudentPanel({ ticketId }: { ticketId: string }) {
  const t = useSay();
  const { data, error } = useQuery(STUDENT_PANEL, { variables: { ticketId }, fetchPolicy: 'cache-and-network' });
  if (error)
    return (
      <aside className="student-panel" aria-label="Student">
        <p role="alert">{error.message}</p>
      </aside>
    );
  const panel = data?.studentPanel;
  if (!panel)
    return (
      <aside className="student-panel" aria-label="Student">
        <p className="loading">Loading…</p>
      </aside>
    );
  return (
    <aside className="student-panel" aria-labelledby="student-name">
      <h2 id="student-name">{panel.name}</h2>
      <dl className="facts">
        <dt>Greet as</dt>
        <dd>{panel.firstName}</dd>
        <dt>Student number</dt>
        <dd>{panel.studentNumber ?? <span className="muted">not given</span>}</dd>
        <dt>{t('student.language')}</dt>
        <dd>
          <StudentLanguage account={panel.account} reportedIn={data?.ticket?.language ?? null} />
        </dd>
        <dt>Email</dt>
        <dd>
          <a href={`mailto:${panel.email}`}>{panel.email}</a>
        </dd>
        <dt>Tickets</dt>
        <dd>
          {panel.ticketCount} ({panel.openTicketCount} open)
        </dd>
        <dt>Ratings</dt>
        <dd>{panel.ratingCount ? `${panel.ratingCount}, average ${panel.averageScore?.toFixed(1)} / 5` : 'none yet'}</dd>
      </dl>
      <h3>History</h3>
      <ol className="history">
        {panel.tickets.map((ticket) => (
          <li key={ticket.id}>
            <Link to={`/tickets/${ticket.id}`}>{ticket.number}</Link> {ticket.title}
            <div className="meta">
              <StatusBadge status={ticket.status} /> <span className="muted">{formatDateTime(ticket.createdAt)}</span>
            </div>
            {ticket.rating && (
              <p className="rating">
                Rated {ticket.rating.score}/5{ticket.rating.comment ? `: “${ticket.rating.comment}”` : ''}
              </p>
            )}
          </li>
        ))}
      </ol>
    </aside>
  );
}
