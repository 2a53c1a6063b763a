// Departments with the highest CSAT are acknowledged; praise from students reaches the staff member.
import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { ChartCard } from '../components/ChartCard';
import { csvFileName } from '../lib/csv';
import { DateRangePicker, lastDays, toApiRange } from '../components/DateRangePicker';
import { graphql } from '../gql';
import { formatDateTime, formatPercent } from '../lib/time';

const LEADERBOARD = graphql(`
  query Leaderboard($range: DateRange, $minResponses: Int) {
    leaderboard(range: $range, minResponses: $minResponses) {
      minResponses
      entries {
        rank
        csat
        responses
        department {
          id
          name
        }
      }
      unranked {
        id
        name
      }
    }
  }
`);

const RECOGNITION = graphql(`
  query Recognition($after: String) {
    recognitionFeed(first: 20, after: $after) {
      edges {
        cursor
        node {
          comment
          createdAt
          ticketNumber
          staff {
            id
            name
          }
          department {
            id
            name
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

export function Leaderboard() {
  const [range, setRange] = useState(() => lastDays(30));
  const [minResponses, setMinResponses] = useState(5);
  const board = useQuery(LEADERBOARD, { variables: { range: toApiRange(range), minResponses } });
  const feed = useQuery(RECOGNITION, { fetchPolicy: 'cache-and-network' });
  const leaderboard = board.data?.leaderboard;

  return (
    <section aria-labelledby="leaderboard-title">
      <h1 id="leaderboard-title">Leaderboard</h1>
      <div className="filters">
        <DateRangePicker value={range} onChange={setRange} />
        <label>
          Fewest ratings to be ranked
          <input
            type="number"
            min={1}
            max={10000}
            value={minResponses}
            onChange={(event) => setMinResponses(Math.max(1, Number(event.currentTarget.value) || 1))}
          />
        </label>
      </div>
      {board.error && <p role="alert">{board.error.message}</p>}
      {leaderboard && (
        <ChartCard
          title="Departments by CSAT"
          fileName={csvFileName('Departments by CSAT', 'leaderboard', `${range.from} to ${range.to}`)}
          rows={leaderboard.entries}
          columns={[
            { header: 'Rank', value: (row) => row.rank },
            { header: 'Department', value: (row) => row.department.name },
            { header: 'CSAT', value: (row) => formatPercent(row.csat) },
            { header: 'Ratings', value: (row) => row.responses },
          ]}
        />
      )}
      {leaderboard && leaderboard.unranked.length > 0 && (
        <p className="muted">
          Fewer than {leaderboard.minResponses} ratings, not ranked: {leaderboard.unranked.map((department) => department.name).join(', ')}.
        </p>
      )}

      <section aria-labelledby="recognition-title">
        <h2 id="recognition-title">Recognition</h2>
        {feed.error && <p role="alert">{feed.error.message}</p>}
        <ul className="praise">
          {feed.data?.recognitionFeed.edges.map(({ cursor, node }) => (
            <li key={cursor}>
              <blockquote>“{node.comment}”</blockquote>
              <p className="muted">
                for {node.staff?.name ?? 'the team'}, {node.department.name} · {node.ticketNumber} · {formatDateTime(node.createdAt)}
              </p>
            </li>
          ))}
        </ul>
        {feed.data?.recognitionFeed.pageInfo.hasNextPage && (
          <button type="button" onClick={() => void feed.fetchMore({ variables: { after: feed.data.recognitionFeed.pageInfo.endCursor } })}>
            Show older praise
          </button>
        )}
      </section>
    </section>
  );
}
