// Known issues on every page, the sign-in page first of all: a student who cannot log in because
// the LMS is down learns it here, with the latest word from the desk, instead of reporting again.
import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql/index.js';
import type { IncidentStatus } from '../gql/graphql.js';
import { say, sayRich, useIntl } from '../i18n/say.js';
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

/**
 * On a phone each issue is one line, opened with a tap, so the page's own heading stays in the
 * first screen; wider screens have room to show it whole.
 */
const ROOM_FOR_DETAILS = '(min-width: 40rem)';

/** "— we're on it.": how far the desk is with an incident not yet resolved. */
export const progressKey = (status: IncidentStatus) => `knownIssues.progress.${status as Exclude<IncidentStatus, 'RESOLVED'>}` as const;

export function KnownIssues() {
  const intl = useIntl();
  const { data } = useQuery(ACTIVE_INCIDENTS, { pollInterval: REFRESH_MS });
  const incidents = data?.activeIncidents ?? [];
  if (incidents.length === 0) return null;
  const open = window.matchMedia(ROOM_FOR_DETAILS).matches;
  return (
    <aside className="known-issues" aria-label={say(intl, 'knownIssues.label')}>
      {incidents.map((incident) => {
        const latest = incident.updates[0];
        return (
          <details key={incident.id} className="known-issue" open={open}>
            <summary>
              <strong>
                {sayRich(intl, 'knownIssues.since', { title: <bdi>{incident.title}</bdi>, when: whenInWords(incident.startedAt, intl) })}
              </strong>{' '}
              {say(intl, progressKey(incident.status))}
            </summary>
            {latest ? (
              <p>
                {say(intl, 'knownIssues.latest', { when: whenInWords(latest.createdAt, intl) })} <bdi>{latest.body}</bdi>
              </p>
            ) : (
              <p dir="auto">{incident.summary}</p>
            )}
          </details>
        );
      })}
    </aside>
  );
}
