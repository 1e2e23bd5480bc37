import type { RoomLog } from '../domain/room-log.js';

/**
 * Draining for a graceful stop: once `drain()` is called the node reports not ready and takes no
 * new connections; `idle()` resolves when every append already running has committed.
 */
export interface Lifecycle {
  readonly draining: boolean;
  drain(): void;
  /** Wraps a room log so its in-flight appends are counted. */
  track(roomLog: RoomLog): RoomLog;
  idle(): Promise<void>;
}

export function createLifecycle(): Lifecycle {
  let draining = false;
  let inFlight = 0;
  const waiters: (() => void)[] = [];
  const settle = () => {
    if (inFlight > 0) return;
    for (const wake of waiters.splice(0)) wake();
  };
  return {
    get draining() {
      return draining;
    },
    drain() {
      draining = true;
    },
    track: (roomLog) => ({
      ...roomLog,
      async append(input) {
        inFlight++;
        try {
          return await roomLog.append(input);
        } finally {
          inFlight--;
          // The ack is sent right after append resolves: let it go out before anyone waits on us
          // (nobody waits, nearly always: then no timer per append).
          if (waiters.length > 0) setImmediate(settle);
        }
      },
    }),
    idle() {
      if (inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => {
        waiters.push(resolve);
      });
    },
  };
}
