import type { FastifyBaseLogger } from 'fastify';
import type { MessageStore } from '../storage/message-store.js';
import { localRooms } from '../ops/metrics.js';
import type { RoomlogServer } from '../realtime/types.js';

/** The inter-node event that asks every node to re-check its rooms' heads. */
export const RECHECK_EVENT = 'roomlog:recheck-heads';

/**
 * Repairs broadcasts lost while Redis was unreachable. A publish that fails is dropped by the
 * adapter, so a client on another node would not learn of that message until the next one. When
 * our Redis connection comes back, this node (and, through the adapter, every other node) sends
 * each of its local rooms its newest stored message, locally. A client that already has it drops
 * it (dedupe by seq); one that missed anything sees a seq jump and fetches the gap at once.
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
  const later = (run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, deps.delayMs ?? 500);
    timers.add(timer);
  };

  io.on(RECHECK_EVENT, () => {
    recheck().catch((err: unknown) => log.error({ err }, 'head re-check failed'));
  });
  // Registered after the first connect: every 'ready' from here on is a reconnect.
  deps.redis.on('ready', () => {
    // Give the other nodes' readers a moment to reconnect too; the request waits in the stream.
    later(() => {
      io.serverSideEmit(RECHECK_EVENT);
      recheck().catch((err: unknown) => log.error({ err }, 'head re-check failed'));
    });
  });
  return {
    recheck,
    close() {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
