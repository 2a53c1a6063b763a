// Who is signed in, from the session cookie (the API reads it; the page cannot).
import { useQuery } from '@apollo/client/react';
import { graphql } from './gql/index.js';

const ME = graphql(`
  query Me {
    me {
      id
      name
      email
      role
    }
  }
`);

export function useViewer() {
  const { data, loading } = useQuery(ME);
  return { viewer: data?.me ?? null, loading: loading && !data };
}
