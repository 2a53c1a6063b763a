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

interface SuggestionsProps {
  text: string;
  categoryId: string;
  /** Called once the deflection is recorded: the report ends here. */
  onAnswered: (answer: { kind: 'article'; title: string } | { kind: 'incident'; title: string }) => void;
}

export function Suggestions({ text, categoryId, onAnswered }: SuggestionsProps) {
  const intl = useIntl();
  const settledText = useSettled(text.trim());
  const { data, previousData } = useQuery(SUGGESTIONS, {
    variables: { text: settledText, categoryId: categoryId || null },
    skip: !settledText && !categoryId,
  });
  const [recordDeflection, { loading: recording }] = useMutation(RECORD_DEFLECTION);
  const suggestions = (data ?? previousData)?.suggestionsFor;
  const incidents = suggestions?.incidents ?? [];
  const articles = suggestions?.articles ?? [];

  const answered = async (input: { articleId?: string; incidentId?: string }, answer: Parameters<SuggestionsProps['onAnswered']>[0]) => {
    await recordDeflection({ variables: { input: { ...input, categoryId: categoryId || null } } });
    onAnswered(answer);
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
          <button
            type="button"
            disabled={recording}
            onClick={() => answered({ incidentId: incident.id }, { kind: 'incident', title: incident.title })}
          >
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
