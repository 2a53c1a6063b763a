import type { ResultOf } from '@graphql-typed-document-node/core';
import { useQuery } from '@apollo/client/react';
import { Layout } from '../components/Layout.js';
import { graphql } from '../gql/index.js';
import { useSay } from '../i18n/say.js';

const ARTICLE = graphql(`
  query HelpArticle($slug: String!, $departmentSlug: String) {
    article(slug: $slug, departmentSlug: $departmentSlug) {
      id
      title
      ...ArticleBody
    }
  }
`);

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
        <article className="card">
          <ArticleBody article={article} />
        </article>
      )}
      {!loading && !article && <p>{t('article.gone')}</p>}
    </Layout>
  );
}
