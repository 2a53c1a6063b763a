// The one Apollo Client: queries and mutations over HTTP, subscriptions over graphql-ws, both on
// /graphql of the page's own origin so the session cookie authenticates them.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createLiveUpdatesClient } from '@studentdesk/graphql/live-updates';

export function createApolloClient(origin = window.location.origin) {
  const httpLink = new HttpLink({ uri: `${origin}/graphql`, credentials: 'same-origin' });
  const liveUpdates = createLiveUpdatesClient(`${origin.replace(/^http/, 'ws')}/graphql`);
  const wsLink = new GraphQLWsLink(liveUpdates);
  const link = ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, wsLink, httpLink);
  const cache = new InMemoryCache({ typePolicies: { Query: { fields: { tickets: relayStylePagination(['filter']) } } } });
  const client = new ApolloClient({ link, cache });
  // Changes made while the connection was lost were never pushed: read the pages on screen again.
  let connectedBefore = false;
  liveUpdates.on('connected', () => {
    if (connectedBefore) void client.refetchQueries({ include: 'active' });
    connectedBefore = true;
  });
  return client;
}
