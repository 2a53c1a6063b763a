import { Layout } from '../components/Layout.js';
import { Link, navigationState } from '../router.js';

export function ReportAnswered() {
  const answer = navigationState<{ kind: 'article' | 'incident'; title: string }>();
  return (
    <Layout title="Glad that helped">
      <div className="card">
        {answer?.kind === 'incident' ? (
          <p>We already know about “{answer.title}” and are working on it: there is no need to report it. Check back here for updates.</p>
        ) : (
          <p>Good to hear “{answer?.title ?? 'the article'}” answered your question. Nothing was sent.</p>
        )}
        <p>
          <Link to="/">Back to the start</Link>
        </p>
      </div>
    </Layout>
  );
}
