import type { MessageStore } from '../../src/index.js';
import type { Random } from './random.js';
import type { Scheduler } from './scheduler.js';

export interface StoreFaults {
  /** Longest wait before a store call runs, and before its answer comes back (ms). */
  maxLatencyMs: number;
  /** Chance that a call fails before touching the data (the server answers INTERNAL). */
  failure: number;
}

/**
 * The real memory store behind a slow, fallible driver: each call waits, runs, and answers late;
 * a call reaching the data after its server process died (`alive()` false) never runs, as a
 * crashed process commits nothing more. An answer that comes back after the death is simply lost.
 */
export function lateStore(
  inner: MessageStore,
  deps: { scheduler: Scheduler; random: Random; faults: StoreFaults; alive: () => boolean },
): MessageStore {
  const { scheduler, random, faults, alive } = deps;
  const wait = () => scheduler.sleep(random.chance(0.5) ? 0 : random.int(0, faults.maxLatencyMs));
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    await wait();
    if (!alive()) return new Promise<T>(() => {});
    if (random.chance(faults.failure)) throw new Error('simulated store failure');
    const result = await run();
    await wait();
    // Committed, but the process died before it could answer: the answer is lost.
    if (!alive()) return new Promise<T>(() => {});
    return result;
  };
  return {
    append: (message) => call(() => inner.append(message)),
    head: (room) => call(() => inner.head(room)),
    page: (room, query) => call(() => inner.page(room, query)),
    rooms: () => call(() => inner.rooms()),
    close: () => Promise.resolve(),
  };
}
