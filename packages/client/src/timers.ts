/** Where the engine gets its timers: the real ones, or a simulation's virtual clock. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The timers one object owns, so that its `close()` can clear every one of them. */
export class TimerSet {
  private readonly live = new Set<unknown>();
  private closed = false;

  constructor(private readonly timers: Timers) {}

  /** Runs `fn` after `ms`, unless `clearAll` comes first. */
  after(ms: number, fn: () => void): void {
    if (this.closed) return;
    const handle = this.timers.setTimeout(() => {
      this.live.delete(handle);
      fn();
    }, ms);
    this.live.add(handle);
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
  private attempt = 0;
  private scheduled = false;

  constructor(
    private readonly timers: TimerSet,
    private readonly backoff: Backoff,
    private readonly random: () => number,
    private readonly connect: () => void,
  ) {}

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const base = Math.min(this.backoff.maxMs, this.backoff.minMs * 2 ** this.attempt++);
    this.timers.after(base * (0.5 + this.random() / 2), () => {
      this.scheduled = false;
      this.connect();
    });
  }

  reset(): void {
    this.attempt = 0;
  }
}
