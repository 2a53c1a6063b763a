// Following a subscription in a test: events queue up until the test asks for the next one.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApi } from './api.js';

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

/** Polls `check` (which may be async) every 20 ms until it holds; after `ms`, fails naming `what`. */
export const until = async (check: () => boolean | Promise<boolean>, ms = 3000, what = 'a condition') => {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** A websocket client of the test API, signed in with `authToken` when given; `clients` collects it for disposal. */
export function connectTo(api: Pick<TestApi, 'url'>, clients: Client[], authToken?: string): Client {
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
