import type { ResultOf } from '@graphql-typed-document-node/core';
import { useQuery } from '@apollo/client/react';
import { Layout } from '../components/Layout.js';
import { graphql } from '../gql/index.js';

const ARTICLE = graphql(`
  query HelpArticle($slug: String!) {
    article(slug: $slug) {
      id
      title
      ...ArticleBody
    }
  }
`);

export const ARTICLE_BODY = graphql(`
  fragment ArticleBody on Article {
    summary
    body
  }
`);

/** An article's words: its summary as the lead, then a paragraph for each blank-line-separated block. */
function ArticleBody({ article }: { article: ResultOf<typeof ARTICLE_BODY> }) {
  return (
    <>
      <p className="lead">{article.summary}</p>
      {article.body.split(/\n\s*\n/).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </>
  );
}

export function ArticlePage({ slug }: { slug: string }) {
  const { data, loading } = useQuery(ARTICLE, { variables: { slug } });
  const article = data?.article;
  return (
    <Layout title={article?.title ?? (loading ? 'Help' : 'Article not found')}>
      {article && (
        <article className="card">
          <ArticleBody article={article} />
        </article>
      )}
      {!loading && !article && <p>This article does not exist or was taken down.</p>}
    </Layout>
  );
}
