import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { ServerOptions } from 'socket.io';
import type { RedisClient } from '../domain/redis-presence.js';

/**
 * The official Redis Streams adapter on `client` (adjusted in place, see below). The adapter reads the stream with a blocking
 * XREAD on `client.duplicate()`; that reader must keep node-redis's offline queue (our publishing
 * client has none), otherwise while Redis is down every XREAD fails at once and its retry loop
 * spins without yielding. With the queue, the read waits for the reconnect and resumes from its
 * offset, so nothing published meanwhile is skipped.
 */
export function redisStreamsAdapter(client: RedisClient, prefix: string): ServerOptions['adapter'] {
  // The adapter sends its ephemeral messages (serverSideEmit…) with PUBLISH and never handles a
  // rejection: without a queue, one sent while Redis is down would crash the process with an
  // unhandled rejection. They are fire-and-forget by design, so a failure is dropped here.
  const publish = client.publish.bind(client);
  Object.defineProperty(client, 'publish', {
    value: (...args: Parameters<typeof publish>) => publish(...args).catch(() => 0),
  });
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (overrides?: object) =>
    duplicate({ disableOfflineQueue: false, ...overrides });
  return createAdapter(client, { streamName: `${prefix}:stream`, channelPrefix: prefix });
}
