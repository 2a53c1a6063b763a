import type { ResultOf } from '@graphql-typed-document-node/core';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Layout } from '../components/Layout.js';
import { graphql } from '../gql/index.js';
import { useSay } from '../i18n/say.js';
import { Link } from '../router.js';

const ARTICLE = graphql(`
  query HelpArticle($slug: String!, $departmentSlug: String) {
    article(slug: $slug, departmentSlug: $departmentSlug) {
      id
      title
      ...ArticleBody
      related {
        id
        path
        title
      }
    }
  }
`);

const VOTE = graphql(`
  mutation VoteOnArticle($input: VoteOnArticleInput!) {
    voteOnArticle(input: $input) {
      id
      helpfulVotes
    }
  }
`);

const BROWSER_ID_KEY = 'studentdesk.browserId';

/** A random id this browser keeps, so its "was this helpful?" counts once without signing in. */
function browserId(): string {
  const kept = localStorage.getItem(BROWSER_ID_KEY);
  if (kept) return kept;
  const made = crypto.randomUUID();
  localStorage.setItem(BROWSER_ID_KEY, made);
  return made;
}

function WasThisHelpful({ articleId }: { articleId: string }) {
  const t = useSay();
  const [vote, { loading }] = useMutation(VOTE);
  const [voted, setVoted] = useState(false);
  const send = async (helpful: boolean) => {
    await vote({ variables: { input: { articleId, helpful, browserId: browserId() } } });
    setVoted(true);
  };
  return (
    <section className="card helpful" aria-labelledby="helpful-question">
      <h2 id="helpful-question">{t('article.helpful')}</h2>
      {voted ? (
        <p role="status">{t('article.thanks')}</p>
      ) : (
        <p>
          <button type="button" disabled={loading} onClick={() => void send(true)}>
            {t('article.yes')}
          </button>{' '}
          <button type="button" disabled={loading} onClick={() => void send(false)}>
            {t('article.no')}
          </button>
        </p>
      )}
    </section>
  );
}

export const ARTICLE_BODY = graphql(`
  fragment ArticleBody on Article {
    summary
    bodyHtml
  }
`);

/** An article's words: its summary as the lead, then its body, which the API renders from Markdown and sanitises. */
function ArticleBody({ article }: { article: ResultOf<typeof ARTICLE_BODY> }) {
  return (
    <>
      <p className="lead" dir="auto">
        {article.summary}
      </p>
      <div dir="auto" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
    </>
  );
}

/** /help/<department slug>/<slug>, or /help/<slug> (school-wide articles and links made before slugs were per department). */
export function ArticlePage({ slug, departmentSlug }: { slug: string; departmentSlug?: string }) {
  const t = useSay();
  const { data, loading } = useQuery(ARTICLE, { variables: { slug, departmentSlug } });
  const article = data?.article;
  return (
    <Layout title={article?.title ?? t(loading ? 'article.help' : 'article.notFound')}>
      {article && (
        <>
          <article className="card">
            <ArticleBody article={article} />
          </article>
          <WasThisHelpful articleId={article.id} />
          {article.related.length > 0 && (
            <nav className="card" aria-labelledby="see-also">
              <h2 id="see-also">{t('article.seeAlso')}</h2>
              <ul>
                {article.related.map((related) => (
                  <li key={related.id}>
                    <Link to={related.path}>
                      <bdi>{related.title}</bdi>
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </>
      )}
      {!loading && !article && <p>{t('article.gone')}</p>}
    </Layout>
  );
}
