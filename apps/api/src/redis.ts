// Redis, when REDIS_URL is set: what several API processes share (live-update events, query
// budgets, sign-in counts). Redis is a helper, never a dependency the API cannot live without:
// commands fail fast while it is down (no offline queue) so callers fall back to this process's
// own memory, and the log says so once per outage rather than once per reconnect attempt.
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export interface RedisConnections {
  /** Commands and PUBLISH. Check `commands.status === 'ready'` before relying on it. */
  commands: Redis;
  /** A connection in subscriber mode can run nothing else, so events have their own. */
  subscriber: Redis;
  /** Resolves true once both connections are ready, false if that takes longer than `timeoutMs`. */
  ready: (timeoutMs: number) => Promise<boolean>;
  close: () => Promise<void>;
  /** Every key and channel StudentDesk uses starts with this (REDIS_KEY_PREFIX), so a shared Redis stays tidy. */
  keyPrefix: string;
}

export const DEFAULT_REDIS_KEY_PREFIX = 'studentdesk:';

const RECONNECT_MAX_DELAY_MS = 5000;

function whenReady(connection: Redis): Promise<void> {
  return connection.status === 'ready' ? Promise.resolve() : new Promise((resolve) => connection.once('ready', () => resolve()));
}

function watchHealth(connection: Redis, role: string, logger: Logger): void {
  let wasReady = false;
  let outageLogged = false;
  connection.on('ready', () => {
    if (outageLogged) logger.info({ redis: role }, 'Redis is back: shared live updates and budgets resume');
    wasReady = true;
    outageLogged = false;
  });
  // ioredis emits an error per failed reconnect; one line per outage is enough.
  connection.on('error', (error: Error) => {
    if (outageLogged) return;
    outageLogged = true;
    logger.warn(
      { redis: role, err: { message: error.message } },
      wasReady
        ? 'Redis is unavailable: live updates reach only subscribers of this process and limits are counted per process until it is back'
        : 'Redis cannot be reached yet: working per process until it answers',
    );
  });
}

export function connectRedis(url: string, logger: Logger, keyPrefix = DEFAULT_REDIS_KEY_PREFIX): RedisConnections {
  const options: RedisOptions = {
    lazyConnect: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, RECONNECT_MAX_DELAY_MS),
  };
  const commands = new Redis(url, { ...options, enableOfflineQueue: false });
  // SUBSCRIBEs made while it is down wait for the reconnection, and are made again after one.
  const subscriber = new Redis(url, { ...options, enableOfflineQueue: true, autoResubscribe: true });
  watchHealth(commands, 'commands', logger);
  watchHealth(subscriber, 'subscriber', logger);
  return {
    commands,
    subscriber,
    keyPrefix,
    async ready(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const ready = Promise.all([whenReady(commands), whenReady(subscriber)]).then(() => true);
      return Promise.race([ready, timeout]).finally(() => clearTimeout(timer));
    },
    async close() {
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
