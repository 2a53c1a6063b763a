import { Layout } from '../components/Layout.js';
import { useSay } from '../i18n/say.js';
import type { Answer } from '../report/Suggestions.js';
import { Link, navigationState } from '../router.js';

export function ReportAnswered() {
  const t = useSay();
  const answer = navigationState<Answer>();
  return (
    <Layout title={t('answered.title')}>
      <div className="card">
        {answer?.kind === 'incident' ? (
          <>
            <p>{t('answered.incident', { title: answer.title })}</p>
            {answer.followed && <p>{t('answered.incidentFollowed')}</p>}
          </>
        ) : (
          <p>{t('answered.article', { title: answer?.title ?? t('answered.theArticle') })}</p>
        )}
        <p>
          <Link to="/">{t('answered.back')}</Link>
        </p>
      </div>
    </Layout>
  );
}
