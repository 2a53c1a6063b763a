// The public help centre at /help: search the published articles (titles, summaries and bodies) and
// open one. Reachable without signing in, from every page's header.
import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Field } from '../components/Field.js';
import { Layout } from '../components/Layout.js';
import { graphql } from '../gql/index.js';
import { say, useIntl } from '../i18n/say.js';
import { Link } from '../router.js';

const SEARCH = graphql(`
  query HelpCentreSearch($text: String!) {
    searchArticles(text: $text, first: 10) {
      id
      path
      title
      summary
    }
  }
`);

/** The words settle for this long before the desk is asked, so typing stays smooth. */
const TYPING_PAUSE_MS = 300;

export function HelpCentre() {
  const intl = useIntl();
  const [text, setText] = useState('');
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const { data, loading } = useQuery(SEARCH, { variables: { text: settled }, skip: !settled });
  const found = settled ? (data?.searchArticles ?? []) : [];

  return (
    <Layout title={say(intl, 'help.title')}>
      <form role="search" className="card" onSubmit={(event) => event.preventDefault()}>
        <Field label={say(intl, 'help.search')} hint={say(intl, 'help.searchHint')}>
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} dir="auto" />
        </Field>
      </form>
      <section aria-live="polite" aria-label={say(intl, 'help.results')}>
        {found.length > 0 && (
          <ul className="help-results">
            {found.map((article) => (
              <li key={article.id} className="card">
                <h2>
                  <Link to={article.path}>
                    <bdi>{article.title}</bdi>
                  </Link>
                </h2>
                <p dir="auto">{article.summary}</p>
              </li>
            ))}
          </ul>
        )}
        {settled && !loading && found.length === 0 && (
          <p className="card">
            {say(intl, 'help.nothing', { text: settled })} <Link to="/report">{say(intl, 'layout.report')}</Link>
          </p>
        )}
      </section>
    </Layout>
  );
}
