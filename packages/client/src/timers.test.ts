import { describe, expect, it } from 'vitest';
import { manualTimers } from './manual-timers.js';
import { Reconnector, TimerSet } from './timers.js';

describe('Reconnector', () => {
  it('doubles the delay up to the maximum, jittered to 50–100 %, and starts over after reset', () => {
    const { timers, pending, fire } = manualTimers();
    let attempts = 0;
    let jitter = 1 - Number.EPSILON;
    const reconnector = new Reconnector(
      new TimerSet(timers),
      { minMs: 100, maxMs: 500 },
      () => jitter,
      () => attempts++,
    );
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      reconnector.schedule();
      reconnector.schedule(); // one attempt at a time
      expect(pending).toHaveLength(1);
      delays.push(Math.round(pending[0]?.ms ?? NaN));
      fire();
    }
    expect(delays).toEqual([100, 200, 400, 500, 500]);
    expect(attempts).toBe(5);
    reconnector.reset();
    jitter = 0;
    reconnector.schedule();
    expect(pending[0]?.ms).toBe(50);
  });

  it('tells the attempt and when it starts, and starts it at once on request', () => {
    const { timers, pending } = manualTimers();
    let attempts = 0;
    const reconnector = new Reconnector(
      new TimerSet(timers),
      { minMs: 100, maxMs: 500 },
      () => 1 - Number.EPSILON,
      () => attempts++,
    );
    expect(reconnector.nextAt).toBe(null);
    reconnector.schedule();
    expect(reconnector.attempt).toBe(1);
    expect(Math.round(reconnector.nextAt ?? NaN)).toBe(1_100);
    reconnector.now();
    expect(attempts).toBe(1);
    expect(pending).toHaveLength(0);
    expect(reconnector.nextAt).toBe(null);
    reconnector.now(); // nothing scheduled: nothing to start
    expect(attempts).toBe(1);
  });
});

describe('TimerSet', () => {
  it('clears every timer it owns and starts none after clearAll', () => {
    const { timers, pending } = manualTimers();
    const set = new TimerSet(timers);
    set.after(10, () => undefined);
    void set.delay(20);
    expect(pending).toHaveLength(2);
    set.clearAll();
    expect(pending).toHaveLength(0);
    set.after(10, () => undefined);
    expect(pending).toHaveLength(0);
  });
});
