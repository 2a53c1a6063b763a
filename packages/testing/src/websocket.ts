// GraphQL over websockets as the web apps use it: a client per person, and a subscription whose
// events queue up until the test asks for the next one.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Follower {
  events: any[];
  errors: any[];
  next: () => Promise<any>;
  dispose: () => void;
}

/** Subscribes with `query`; each event is the value of the subscription's root `field`. */
export function follow(client: Client, query: string, field: string, variables: Record<string, unknown>): Follower {
  const events: any[] = [];
  const errors: any[] = [];
  const waiting: Array<(event: any) => void> = [];
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) (waiting.shift() ?? ((event) => events.push(event)))(result.data[field]);
      },
      error: (error) => errors.push(...(Array.isArray(error) ? error : [error])),
      complete: () => {},
    },
  );
  return {
    events,
    errors,
    next: () => (events.length ? Promise.resolve(events.shift()) : new Promise((resolve) => waiting.push(resolve))),
    dispose,
  };
}

/**
 * A websocket client of the API at `api.url` (its /graphql address), signed in with `authToken`
 * when given; `clients` collects it for disposal.
 */
export function connectTo(api: { url: string }, clients: Client[], authToken?: string): Client {
  const client = createClient({
    url: api.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: authToken ? { authToken } : {},
    retryAttempts: 0,
    lazy: true,
  });
  clients.push(client);
  return client;
}
