// The one Apollo Client: queries and mutations over HTTP, subscriptions over graphql-ws, both on
// the API's own origin so the httpOnly session cookie authenticates them.
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type FieldMergeFunction } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { relayStylePagination } from '@apollo/client/utilities';
import { OperationTypeNode } from 'graphql';
import { createLiveUpdatesClient } from '@studentdesk/graphql/live-updates';

const GRAPHQL_PATH = '/graphql';

/**
 * A ticket's conversation opens on its newest page and pages back in time. relayStylePagination
 * joins the earlier pages, but lets a newest page without cursors (a subscription event, a
 * mutation's answer, a refetch) replace them all; such a page is joined after the messages it follows.
 */
function conversationPagination() {
  type Page = Readonly<{ edges?: ReadonlyArray<{ cursor?: string }> }> | null;
  const relay = relayStylePagination();
  // relayStylePagination's merge is always a function.
  const relayMerge = relay.merge as FieldMergeFunction<Page, Page>;
  const merge: FieldMergeFunction<Page, Page> = (existing, incoming, options) => {
    const isNewestPage = !options.args?.['before'] && !options.args?.['after'];
    const loaded = existing?.edges ?? [];
    const startsAt = loaded.findIndex((edge) => edge.cursor === incoming?.edges?.[0]?.cursor);
    if (!isNewestPage || startsAt <= 0) return relayMerge(existing, incoming, options);
    return relayMerge(existing, incoming, { ...options, args: { ...options.args, after: loaded[startsAt - 1]!.cursor } });
  };
  return { ...relay, merge };
}

const websocketUrl = () => new URL(GRAPHQL_PATH, window.location.href).href.replace(/^http/, 'ws');

export function createApolloClient() {
  const http = new HttpLink({ uri: GRAPHQL_PATH, credentials: 'same-origin' });
  // Reconnects after the API restarts or the laptop wakes; the queue then refetches on its own.
  const websocket = new GraphQLWsLink(createLiveUpdatesClient(websocketUrl));
  return new ApolloClient({
    link: ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, websocket, http),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            tickets: relayStylePagination(['filter', 'orderBy']),
            searchTickets: relayStylePagination(['query']),
            recognitionFeed: relayStylePagination(),
            apiKeys: relayStylePagination(['includeRevoked']),
            webhooks: relayStylePagination(),
            webhookDeliveries: relayStylePagination(['webhookId', 'status', 'eventType']),
            emailOutbox: relayStylePagination(['status']),
            myNotifications: relayStylePagination(['unreadOnly']),
            articles: relayStylePagination(['departmentId', 'schoolWide', 'status']),
          },
        },
        Article: { fields: { versions: relayStylePagination() } },
        Ticket: { fields: { messages: conversationPagination() } },
      },
    }),
  });
}
