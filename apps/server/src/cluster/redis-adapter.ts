import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ServerOptions } from 'socket.io';
import type { RedisClient } from '../domain/redis-presence.js';

/**
 * The official Redis Streams adapter on `client`. The adapter reads the stream with a blocking
 * XREAD on `client.duplicate()`; that reader must keep node-redis's offline queue (our publishing
 * client has none), otherwise while Redis is down every XREAD fails at once and its retry loop
 * spins without yielding. With the queue, the read waits for the reconnect and resumes from its
 * offset, so nothing published meanwhile is skipped.
 */
export function redisStreamsAdapter(client: RedisClient, prefix: string): ServerOptions['adapter'] {
  const duplicate = client.duplicate.bind(client);
  client.duplicate = ((overrides?: object) =>
    duplicate({ disableOfflineQueue: false, ...overrides })) as typeof client.duplicate;
  return createAdapter(client, { streamName: `${prefix}:stream`, channelPrefix: prefix });
}
