import type { Timers } from './timers.js';

/** For tests: timers that only record what was asked; `fire()` runs the oldest, `now` is set. */
export function manualTimers(start = 1_000) {
  const pending: { fn: () => void; ms: number; handle: number }[] = [];
  let next = 0;
  const clock = { now: start };
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.push({ fn, ms, handle: ++next });
      return next;
    },
    clearTimeout: (handle) => {
      const i = pending.findIndex((p) => p.handle === handle);
      if (i >= 0) pending.splice(i, 1);
    },
    now: () => clock.now,
  };
  return { timers, pending, clock, fire: () => pending.shift()?.fn() };
}
