// Known issues on every page, the sign-in page first of all: a student who cannot log in because
// the LMS is down learns it here, with the latest word from the desk, instead of reporting again.
import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql/index.js';
import type { IncidentStatus } from '../gql/graphql.js';
import { whenInWords } from '../words.js';

const ACTIVE_INCIDENTS = graphql(`
  query KnownIssues {
    activeIncidents {
      id
      title
      summary
      status
      startedAt
      updates {
        body
        createdAt
      }
    }
  }
`);

/** Often enough that a fix shows up while a student waits, rarely enough to cost nothing. */
const REFRESH_MS = 60_000;

const PROGRESS: Record<Exclude<IncidentStatus, 'RESOLVED'>, string> = {
  INVESTIGATING: "we're on it",
  IDENTIFIED: 'we know the cause and are fixing it',
  MONITORING: "a fix is in place and we're watching it",
};

export function KnownIssues() {
  const { data } = useQuery(ACTIVE_INCIDENTS, { pollInterval: REFRESH_MS });
  const incidents = data?.activeIncidents ?? [];
  if (incidents.length === 0) return null;
  return (
    <aside className="known-issues" aria-label="Known issues">
      {incidents.map((incident) => {
        const latest = incident.updates[0];
        return (
          <div key={incident.id} className="known-issue">
            <p>
              <strong>
                Known issue: {incident.title} since {whenInWords(incident.startedAt)}
              </strong>{' '}
              — {PROGRESS[incident.status as keyof typeof PROGRESS]}.
            </p>
            <p>{latest ? `Latest (${whenInWords(latest.createdAt)}): ${latest.body}` : incident.summary}</p>
          </div>
        );
      })}
    </aside>
  );
}
