/** Where the engine gets its timers: the real ones, or a simulation's virtual clock. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** The current time in epoch ms (only for what the UI shows, e.g. when the next try starts). */
  now(): number;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** The timers one object owns, so that its `close()` can clear every one of them. */
export class TimerSet {
  private readonly live = new Set<unknown>();
  private closed = false;

  constructor(private readonly timers: Timers) {}

  now(): number {
    return this.timers.now();
  }

  /** Runs `fn` after `ms`, unless `clearAll` or `cancel` comes first; returns a handle. */
  after(ms: number, fn: () => void): unknown {
    if (this.closed) return undefined;
    const handle = this.timers.setTimeout(() => {
      this.live.delete(handle);
      fn();
    }, ms);
    this.live.add(handle);
    return handle;
  }

  cancel(handle: unknown): void {
    if (!this.live.delete(handle)) return;
    this.timers.clearTimeout(handle);
  }

  /** Resolves after `ms`; never resolves once `clearAll` ran (the waiter is simply dropped). */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  clearAll(): void {
    this.closed = true;
    for (const handle of this.live) this.timers.clearTimeout(handle);
    this.live.clear();
  }
}

/** Reconnect delays: doubling from `minMs` up to `maxMs`, each scaled by a random 50–100 %. */
export interface Backoff {
  minMs: number;
  maxMs: number;
}

/** Schedules reconnect attempts with back-off; `reset` after a successful connect. */
export class Reconnector {
  /** Attempts since the last successful connect (the one scheduled included). */
  attempt = 0;
  /** When the scheduled attempt starts (epoch ms), or null when none is scheduled. */
  nextAt: number | null = null;
  private handle: unknown = null;

  constructor(
    private readonly timers: TimerSet,
    private readonly backoff: Backoff,
    private readonly random: () => number,
    private readonly connect: () => void,
  ) {}

  schedule(): void {
    if (this.nextAt !== null) return;
    const base = Math.min(this.backoff.maxMs, this.backoff.minMs * 2 ** this.attempt++);
    const delay = base * (0.5 + this.random() / 2);
    this.nextAt = this.timers.now() + delay;
    this.handle = this.timers.after(delay, () => this.fire());
  }

  /** Starts the scheduled attempt now instead of waiting ("Reconnect now"). */
  now(): void {
    if (this.nextAt === null) return;
    this.timers.cancel(this.handle);
    this.fire();
  }

  reset(): void {
    this.attempt = 0;
  }

  private fire(): void {
    this.nextAt = null;
    this.handle = null;
    this.connect();
  }
}
