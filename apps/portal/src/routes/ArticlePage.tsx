import { useQuery } from '@apollo/client/react';
import { Layout } from '../components/Layout.js';
import { graphql } from '../gql/index.js';

const ARTICLE = graphql(`
  query HelpArticle($slug: String!) {
    article(slug: $slug) {
      id
      title
      summary
      body
    }
  }
`);

export function ArticlePage({ slug }: { slug: string }) {
  const { data, loading } = useQuery(ARTICLE, { variables: { slug } });
  const article = data?.article;
  return (
    <Layout title={article?.title ?? (loading ? 'Help' : 'Article not found')}>
      {article && (
        <article className="card">
          <p className="lead">{article.summary}</p>
          {article.body.split(/\n\s*\n/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </article>
      )}
      {!loading && !article && <p>This article does not exist or was taken down.</p>}
    </Layout>
  );
}
