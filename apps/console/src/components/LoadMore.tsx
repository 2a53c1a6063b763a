// "Load more" under a list paged by cursor: the next page joins the list (the cache's
// relayStylePagination merges it); a failure is said beside the button.
import type { ResultOf } from '@graphql-typed-document-node/core';
import { useState } from 'react';
import { graphql } from '../gql';

/** What the button needs to know of a page; every list that shows it spreads this fragment. */
export const MORE_PAGES = graphql(`
  fragment MorePages on PageInfo {
    hasNextPage
    endCursor
  }
`);

export function LoadMore({
  pageInfo,
  label,
  onMore,
}: {
  pageInfo: ResultOf<typeof MORE_PAGES> | undefined;
  label: string;
  onMore: (after: string) => Promise<unknown>;
}) {
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState('');
  if (!pageInfo?.hasNextPage || !pageInfo.endCursor) return null;
  const after = pageInfo.endCursor;

  async function more() {
    setLoading(true);
    setProblem('');
    try {
      await onMore(after);
    } catch (failure) {
      setProblem(failure instanceof Error ? failure.message : 'The next page could not be loaded.');
    } finally {
      setLoading(false);
    }
  }

  return (
    <p className="load-more actions">
      <button type="button" onClick={more} disabled={loading}>
        {loading ? 'Loading…' : label}
      </button>
      {problem && (
        <span role="alert" className="problem">
          {problem}
        </span>
      )}
    </p>
  );
}
