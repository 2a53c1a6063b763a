// The websocket both web apps follow live updates on (graphql-ws), with one reconnect policy. When an
// API process stops, every client it held reconnects at once to the others; each waits a random part
// of a window that doubles per failed try up to a cap (full jitter), so thousands of clients arrive
// spread out, and none waits longer than the cap between tries however long the outage was.
import { createClient, type Client } from 'graphql-ws';

/** The first window; a reconnect that fails doubles it. */
export const RECONNECT_FIRST_WINDOW_MS = 1_000;
/** The longest wait between two tries (graphql-ws's own would keep doubling: 17 minutes by the tenth). */
export const RECONNECT_MAX_WINDOW_MS = 10_000;

/** How long to wait before reconnect try `retries` (0 for the first): a random part of its window. */
export function reconnectDelayMs(retries: number, random: () => number = Math.random): number {
  const window = Math.min(RECONNECT_MAX_WINDOW_MS, RECONNECT_FIRST_WINDOW_MS * 2 ** retries);
  return Math.floor(random() * window);
}

/** A client for `url` (ws:// or wss://, or a function giving it) that connects on first use and reconnects forever. */
export function createLiveUpdatesClient(url: string | (() => string)): Client {
  return createClient({
    url,
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, reconnectDelayMs(retries))),
  });
}
