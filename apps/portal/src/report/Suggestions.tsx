// While the student types: known issues and articles that may already answer the problem.
// Choosing one ends the report there, and the desk counts the report it saved (a deflection).
import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { graphql } from '../gql/index.js';
import { progressKey } from '../components/KnownIssues.js';
import { say, sayRich, useIntl } from '../i18n/say.js';
import { whenInWords } from '../words.js';

const SUGGESTIONS = graphql(`
  query ReportSuggestions($text: String!, $categoryId: ID) {
    suggestionsFor(text: $text, categoryId: $categoryId) {
      articles {
        id
        path
        title
        summary
      }
      incidents {
        id
        title
        summary
        startedAt
      }
    }
  }
`);

const FOLLOW_INCIDENT = graphql(`
  mutation FollowIncident($input: FollowIncidentInput!) {
    followIncident(input: $input) {
      id
      affectedCount
    }
  }
`);

const RECORD_DEFLECTION = graphql(`
  mutation RecordDeflection($input: RecordDeflectionInput!) {
    recordDeflection(input: $input)
  }
`);

/** The text settles for this long before the desk is asked, so typing stays smooth. */
const TYPING_PAUSE_MS = 300;

function useSettled(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

export type Answer = { kind: 'article'; title: string } | { kind: 'incident'; title: string; followed: boolean };

interface SuggestionsProps {
  text: string;
  categoryId: string;
  /** Who says "me too" on a known issue: a signed-in student, or a guest by the address typed so far (if any). */
  followAs: { signedIn: boolean; email: string };
  /** Called once the deflection is recorded: the report ends here. */
  onAnswered: (answer: Answer) => void;
}

export function Suggestions({ text, categoryId, followAs, onAnswered }: SuggestionsProps) {
  const intl = useIntl();
  const settledText = useSettled(text.trim());
  const { data, previousData } = useQuery(SUGGESTIONS, {
    variables: { text: settledText, categoryId: categoryId || null },
    skip: !settledText && !categoryId,
  });
  const [recordDeflection, { loading: recording }] = useMutation(RECORD_DEFLECTION);
  const [followIncident, { loading: following }] = useMutation(FOLLOW_INCIDENT);
  const suggestions = (data ?? previousData)?.suggestionsFor;
  const incidents = suggestions?.incidents ?? [];
  const articles = suggestions?.articles ?? [];

  const answered = async (input: { articleId?: string; incidentId?: string }, answer: Answer) => {
    await recordDeflection({ variables: { input: { ...input, categoryId: categoryId || null } } });
    onAnswered(answer);
  };

  /** "Me too": counted on the incident and emailed when it is fixed, when we know where to write. */
  const meToo = async (incident: { id: string; title: string }) => {
    const email = followAs.email.trim();
    const canFollow = followAs.signedIn || /^[^\s@]+@[^\s@]+$/.test(email);
    const followed =
      canFollow &&
      (await followIncident({
        variables: { input: { incidentId: incident.id, affected: true, email: followAs.signedIn ? null : email } },
      }).then(
        () => true,
        // Not followed (a cap, say): the report still ends here, without the promise of an email.
        () => false,
      ));
    await answered({ incidentId: incident.id }, { kind: 'incident', title: incident.title, followed });
  };

  return (
    <aside className="suggestions" aria-label={say(intl, 'suggestions.label')} aria-live="polite">
      {incidents.length + articles.length > 0 && <h2>{say(intl, 'suggestions.heading')}</h2>}
      {incidents.map((incident) => (
        <div key={incident.id} className="card incident">
          <p>
            <strong>
              {sayRich(intl, 'knownIssues.since', { title: <bdi>{incident.title}</bdi>, when: whenInWords(incident.startedAt, intl) })}
            </strong>{' '}
            {say(intl, progressKey('INVESTIGATING'))}
          </p>
          <p dir="auto">{incident.summary}</p>
          <button type="button" disabled={recording || following} onClick={() => void meToo(incident)}>
            {say(intl, 'suggestions.incidentMine')}
          </button>
        </div>
      ))}
      {articles.map((article) => (
        <div key={article.id} className="card article">
          <h3>
            <a href={article.path} target="_blank" rel="noopener">
              <bdi>{article.title}</bdi>
              <span className="visually-hidden"> {say(intl, 'suggestions.newTab')}</span>
            </a>
          </h3>
          <p dir="auto">{article.summary}</p>
          <button
            type="button"
            disabled={recording}
            onClick={() => answered({ articleId: article.id }, { kind: 'article', title: article.title })}
          >
            {say(intl, 'suggestions.solved')}
          </button>
        </div>
      ))}
    </aside>
  );
}
