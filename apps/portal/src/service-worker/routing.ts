// Which requests the portal's service worker answers, and how. A plain function, so the rules are
// tested without a worker: only the portal's own pages and hashed files are ever cached; the API
// (GraphQL, downloads, sign-in doors) and the console always go to the network untouched.
export type Handling =
  /** A page of the portal: the network first, else the cached app shell (index.html). */
  | 'shell'
  /** A hashed build file: its name changes with its content, so the cached copy is always right. */
  | 'asset'
  /** Not the worker's business: the browser fetches it as if there were no worker. */
  | 'network';

/** Paths the server answers itself, not with the portal (apps/api/src/server.ts, web-apps.ts). */
const NOT_THE_PORTAL = /^\/(graphql|graphiql|attachments|privacy|auth|saml|scim|health|console|sw\.js|manifest\.webmanifest)(\/|$)/;

export function handlingOf(request: { method: string; mode: string; url: string }, origin: string): Handling {
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== origin || NOT_THE_PORTAL.test(url.pathname)) return 'network';
  if (url.pathname.startsWith('/assets/')) return 'asset';
  return request.mode === 'navigate' ? 'shell' : 'network';
}
