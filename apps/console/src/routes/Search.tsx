// Full-text search over the tickets the staff member works: best match first, each with the words
// that matched marked in a snippet. The snippet comes as plain-text pieces, so ticket text is
// never read as HTML.
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import { LoadMore } from '../components/LoadMore';
import { StatusBadge } from '../components/Badges';
import { graphql } from '../gql';

const SEARCH_TICKETS = graphql(`
  query SearchTickets($query: String!, $after: String) {
    searchTickets(query: $query, first: 20, after: $after) {
      edges {
        node {
          id
          number
          title
          status
          contactName
        }
        highlights {
          text
          match
        }
      }
      pageInfo {
        ...MorePages
      }
    }
  }
`);

export function Search() {
  const [params] = useSearchParams();
  const query = (params.get('q') ?? '').trim();
  const { data, loading, error, fetchMore } = useQuery(SEARCH_TICKETS, { variables: { query }, skip: !query });
  const results = data?.searchTickets;

  return (
    <section className="search-results" aria-labelledby="search-heading">
      <h1 id="search-heading">{query ? `Tickets matching “${query}”` : 'Search tickets'}</h1>
      {!query && <p>Type in the search box above: words, "a phrase" in quotes, or -word to leave tickets with that word out.</p>}
      {loading && <p className="loading">Searching…</p>}
      {error && <p role="alert">{error.message}</p>}
      {results && results.edges.length === 0 && <p>No ticket you work matches.</p>}
      {results && results.edges.length > 0 && (
        <ol className="search-hits">
          {results.edges.map(({ node, highlights }) => (
            <li key={node.id}>
              <Link to={`/tickets/${node.id}`}>
                <span className="number">{node.number}</span> {node.title}
              </Link>{' '}
              <StatusBadge status={node.status} /> <span className="muted">{node.contactName}</span>
              <p className="snippet">
                {highlights.map((piece, index) =>
                  piece.match ? <mark key={index}>{piece.text}</mark> : <span key={index}>{piece.text}</span>,
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      <LoadMore pageInfo={results?.pageInfo} label="More results" onMore={(after) => fetchMore({ variables: { after } })} />
    </section>
  );
}
