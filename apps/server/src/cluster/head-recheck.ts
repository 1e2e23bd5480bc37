import type { FastifyBaseLogger } from 'fastify';
import type { MessageStore } from '../storage/message-store.js';
import { localRooms } from '../ops/metrics.js';
import type { RoomlogServer } from '../realtime/types.js';

/** The inter-node event that asks every node to re-check its rooms' heads. */
export const RECHECK_EVENT = 'roomlog:recheck-heads';

/**
 * Repairs broadcasts lost while Redis was unreachable. A publish that fails is dropped by the
 * adapter, so a client on another node would not learn of that message until the next one. When
 * our Redis connection comes back, this node sends each of its local rooms its newest stored
 * message, locally, and asks every other node to do the same (serverSideEmit, which the adapter
 * sends over Redis pub/sub: sent twice, a few seconds apart, in case another node's subscriber is
 * still reconnecting; those nodes also re-check on their own reconnect). A client that already has
 * the message drops it (dedupe by seq); one that missed anything sees a seq jump and fetches the
 * gap at once.
 */
export function startHeadRecheck(deps: {
  io: RoomlogServer;
  store: MessageStore;
  redis: { on(event: 'ready', listener: () => void): unknown };
  log: FastifyBaseLogger;
  delayMs?: number;
}): { recheck(): Promise<void>; close(): void } {
  const { io, store, log } = deps;
  const timers = new Set<NodeJS.Timeout>();

  async function recheck(): Promise<void> {
    for (const room of localRooms(io)) {
      const [newest] = await store.page(room, { limit: 1 });
      if (newest) io.local.to(room).emit('message:created', newest);
    }
  }
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const everywhere = () => {
    io.serverSideEmit(RECHECK_EVENT);
    recheck().catch((err: unknown) => log.error({ err }, 'head re-check failed'));
  };

  io.on(RECHECK_EVENT, () => {
    recheck().catch((err: unknown) => log.error({ err }, 'head re-check failed'));
  });
  // Registered after the first connect: every 'ready' from here on is a reconnect.
  deps.redis.on('ready', () => {
    // Give the other nodes' connections a moment to come back too.
    later(deps.delayMs ?? 500, everywhere);
    later((deps.delayMs ?? 500) * 6, everywhere);
  });
  return {
    recheck,
    close() {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
