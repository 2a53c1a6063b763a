// GraphiQL for StudentDesk, bundled by the API's build (nothing loads from a CDN). It calls the
// API on the same origin, so a signed-in browser session (the sd_session cookie) just works;
// integrators add `Authorization: Bearer <key>` in the headers tab.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const url = new URL('/graphql', window.location.href).toString();
const fetcher = createGraphiQLFetcher({ url, subscriptionUrl: url.replace(/^http/, 'ws') });

const defaultQuery = `# StudentDesk's GraphQL API. The Docs button shows every type and field.
# Integrators: put your key in the Headers tab as {"Authorization": "Bearer sdk_..."}.
# Guides: docs/integrating.md in the repository.

query LatestTickets {
  tickets(first: 5) {
    totalCount
    edges { node { id number title status createdAt } }
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(createElement(GraphiQL, { fetcher, defaultQuery }));
