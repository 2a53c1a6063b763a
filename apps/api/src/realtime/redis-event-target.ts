// The pub/sub event target when REDIS_URL is set: events are PUBLISHed to Redis and every API
// process, this one included, hears them through its subscriber connection, so a student
// subscribed through process A sees the reply posted through process B.
// While Redis is down an event is delivered in this process only (the degradation redis.ts logs);
// @graphql-yoga/redis-event-target would leave the failed PUBLISH as an unhandled rejection.
import type { PubSubEventTarget } from '@graphql-yoga/subscription';
import type { RedisConnections } from '../redis.js';

type Listener = Parameters<EventTarget['addEventListener']>[1];

/** The topics and payloads of a pub/sub, as `createPubSub` types them. */
type PublishArgsByKey = Record<string, [] | [unknown] | [number | string, unknown]>;

export function createRedisEventTarget<Args extends PublishArgsByKey>(redis: RedisConnections): PubSubEventTarget<Args> {
  const channelPrefix = `${redis.keyPrefix}events:`;
  const local = new EventTarget();
  const listenerCounts = new Map<string, number>();
  const deliverHere = (type: string, detail: unknown) => local.dispatchEvent(new CustomEvent(type, { detail }));

  redis.subscriber.on('message', (channel: string, message: string) => {
    if (channel.startsWith(channelPrefix)) deliverHere(channel.slice(channelPrefix.length), JSON.parse(message));
  });

  // Failures are logged once per outage by redis.ts; SUBSCRIBE is repeated on reconnection.
  const ignore = () => undefined;

  const target = {
    addEventListener(type: string, callback: Listener) {
      if (!callback) return;
      local.addEventListener(type, callback);
      const count = (listenerCounts.get(type) ?? 0) + 1;
      listenerCounts.set(type, count);
      if (count === 1) redis.subscriber.subscribe(channelPrefix + type).catch(ignore);
    },
    removeEventListener(type: string, callback: Listener) {
      if (!callback) return;
      local.removeEventListener(type, callback);
      const count = (listenerCounts.get(type) ?? 1) - 1;
      if (count > 0) {
        listenerCounts.set(type, count);
        return;
      }
      listenerCounts.delete(type);
      redis.subscriber.unsubscribe(channelPrefix + type).catch(ignore);
    },
    dispatchEvent(event: CustomEvent<unknown>) {
      const { type, detail } = event;
      if (redis.commands.status !== 'ready') return deliverHere(type, detail);
      redis.commands.publish(channelPrefix + type, JSON.stringify(detail)).catch(() => deliverHere(type, detail));
      return true;
    },
  };
  // EventTarget's three methods, with the typed signatures `createPubSub` asks for.
  return target;
}
