// A staff member's home: their own satisfaction next to their department's and the school's, this
// week and last, their open tickets, and what students said about them.
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { graphql } from '../gql';
import type { StaffHomeQuery } from '../gql/graphql';
import { formatDateTime, formatPercent } from '../lib/time';
import { useViewer } from '../viewer';

const STAFF_HOME = graphql(`
  query StaffHome {
    staffHome {
      mine {
        ...CsatTrendFields
      }
      department {
        ...CsatTrendFields
      }
      school {
        ...CsatTrendFields
      }
      openTickets
      praise {
        comment
        createdAt
        ticketNumber
      }
    }
  }
  fragment CsatTrendFields on CsatTrend {
    thisWeek {
      csat
      responses
    }
    lastWeek {
      csat
      responses
    }
  }
`);

type Trend = NonNullable<StaffHomeQuery['staffHome']['department']>;

function CsatCard({ title, trend }: { title: string; trend: Trend }) {
  const change =
    trend.thisWeek.csat !== null && trend.lastWeek.csat !== null ? Math.round((trend.thisWeek.csat - trend.lastWeek.csat) * 100) : null;
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <p className="figure">{formatPercent(trend.thisWeek.csat)}</p>
      <p className="muted">
        CSAT, last 7 days · {trend.thisWeek.responses} rating{trend.thisWeek.responses === 1 ? '' : 's'}
      </p>
      <p>
        Week before: {formatPercent(trend.lastWeek.csat)} ({trend.lastWeek.responses})
        {change !== null && change !== 0 && (
          <span className={change > 0 ? 'up' : 'down'}>
            {' '}
            {change > 0 ? '▲' : '▼'} {Math.abs(change)} pts
          </span>
        )}
      </p>
    </section>
  );
}

export function Home() {
  const viewer = useViewer();
  const { data, error } = useQuery(STAFF_HOME, { fetchPolicy: 'cache-and-network' });
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p className="loading">Loading…</p>;
  const home = data.staffHome;
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">Hello, {viewer.name.split(' ')[0]}</h1>
      <div className="cards">
        <CsatCard title="My CSAT" trend={home.mine} />
        {home.department && <CsatCard title={`${viewer.department?.name ?? 'My department'} CSAT`} trend={home.department} />}
        <CsatCard title="School CSAT" trend={home.school} />
        <section className="card" aria-label="My open tickets">
          <h2>My open tickets</h2>
          <p className="figure">{home.openTickets}</p>
          <p>
            <Link to="/queue/mine">Work my queue →</Link>
          </p>
        </section>
      </div>
      <section aria-labelledby="praise-title">
        <h2 id="praise-title">Praise from students</h2>
        {home.praise.length === 0 ? (
          <p className="empty">No comments with a 5 yet. They will show up here.</p>
        ) : (
          <ul className="praise">
            {home.praise.map((praise) => (
              <li key={`${praise.ticketNumber}-${praise.createdAt}`}>
                <blockquote>“{praise.comment}”</blockquote>
                <p className="muted">
                  {praise.ticketNumber} · {formatDateTime(praise.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
