import type { Timers } from '@roomlog/client';
import { must } from '../support/must.js';

interface Scheduled {
  at: number;
  order: number;
  fn: () => void;
}

/**
 * A virtual clock and its event queue. Every timer of the engines, every packet of the simulated
 * network and every late store answer is an event here; events run one at a time in time order
 * (ties in the order they were scheduled), each followed by a full drain of the microtask queue.
 * Nothing else schedules work, so a seed replays exactly.
 */
export class Scheduler {
  now = 0;
  private queue: Scheduled[] = [];
  private order = 0;
  private readonly cancelled = new Set<number>();

  readonly timers: Timers = {
    setTimeout: (fn, ms) => this.after(ms, fn),
    clearTimeout: (handle) => this.cancelled.add(handle as number),
    now: () => this.now,
  };

  /** Runs `fn` at `now + ms`; returns a handle for `timers.clearTimeout`. */
  after(ms: number, fn: () => void): number {
    const event = { at: this.now + Math.max(0, ms), order: this.order++, fn };
    // Kept sorted by (at, order); inserting from the back is cheap since most events are near.
    let i = this.queue.length;
    while (i > 0 && must(this.queue[i - 1]).at > event.at) i--;
    this.queue.splice(i, 0, event);
    return event.order;
  }

  /** Resolves at `now + ms` (virtual). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  /** Called after every event (once its microtasks ran): a place for invariants. */
  afterEach: () => void = () => undefined;

  /** Runs events until `done()` holds after one, or the clock passes `until`; returns done(). */
  async run(until: number, done: () => boolean = () => false): Promise<boolean> {
    await drain();
    for (;;) {
      if (done()) return true;
      const event = this.queue[0];
      if (!event || event.at > until) {
        this.now = Math.max(this.now, until);
        return done();
      }
      this.queue.shift();
      if (this.cancelled.delete(event.order)) continue;
      this.now = event.at;
      event.fn();
      await drain();
      this.afterEach();
    }
  }
}

// setImmediate runs once the microtask queue is empty: every promise chain the event started
// has then gone as far as it can without another event.
function drain(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
