// The one Apollo Client: queries and mutations over HTTP, subscriptions over graphql-ws, both on
// the API's own origin so the httpOnly session cookie authenticates them.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

const GRAPHQL_PATH = '/graphql';

const websocketUrl = () => new URL(GRAPHQL_PATH, window.location.href).href.replace(/^http/, 'ws');

export function createApolloClient() {
  const http = new HttpLink({ uri: GRAPHQL_PATH, credentials: 'same-origin' });
  // Reconnects after the API restarts or the laptop wakes; the queue then refetches on its own.
  const websocket = new GraphQLWsLink(createClient({ url: websocketUrl, lazy: true, retryAttempts: Infinity, shouldRetry: () => true }));
  return new ApolloClient({
    link: ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, websocket, http),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            tickets: relayStylePagination(['filter', 'orderBy']),
            recognitionFeed: relayStylePagination(),
            apiKeys: relayStylePagination(['includeRevoked']),
            webhooks: relayStylePagination(),
            webhookDeliveries: relayStylePagination(['webhookId', 'status', 'eventType']),
            emailOutbox: relayStylePagination(['status']),
            articles: relayStylePagination(['departmentId', 'schoolWide', 'status']),
          },
        },
        Article: { fields: { versions: relayStylePagination() } },
      },
    }),
  });
}
