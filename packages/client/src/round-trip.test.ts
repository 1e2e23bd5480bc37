import { describe, expect, it } from 'vitest';
import { ok, type Ack } from '@roomlog/protocol';
import { manualTimers } from './manual-timers.js';
import { RoundTripTimer } from './round-trip.js';
import { TimerSet, type Timers } from './timers.js';
import type { Transport } from './transport.js';

// A transport whose `connection:ping` answers are settled by the test.
function pingTransport() {
  const asked: { resolve: (ack: Ack<object>) => void; reject: (err: Error) => void }[] = [];
  const transport = {
    request: (event: string) => {
      if (event !== 'connection:ping') throw new Error(`unexpected ${event}`);
      return new Promise<Ack<object>>((resolve, reject) => asked.push({ resolve, reject }));
    },
  } as unknown as Transport; // only request() is used
  return { transport, asked };
}
// Pings every 10 s over a test transport; records each figure measured.
function roundTrip(timers: Timers, isCurrent: (connectionNo: number) => boolean) {
  const { transport, asked } = pingTransport();
  const measured: number[] = [];
  const rtt = new RoundTripTimer({
    transport,
    timers: new TimerSet(timers),
    ackTimeoutMs: 5000,
    everyMs: 10_000,
    isCurrent,
    measured: (ms) => measured.push(ms),
  });
  return { rtt, asked, measured };
}
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RoundTripTimer', () => {
  it('measures each ping, one at a time, the next one interval after the answer', async () => {
    const { timers, pending, clock, fire } = manualTimers();
    const { rtt, asked, measured } = roundTrip(timers, () => true);
    rtt.start(1);
    expect(asked).toHaveLength(1);
    clock.now += 23;
    asked[0]?.resolve(ok({}));
    await tick();
    expect(measured).toEqual([23]);
    expect(pending.map((p) => p.ms)).toEqual([10_000]);
    fire();
    expect(asked).toHaveLength(2);
    asked[1]?.reject(new Error('timed out')); // no figure, but the next ping is scheduled
    await tick();
    expect(measured).toEqual([23]);
    expect(pending).toHaveLength(1);
  });

  it('stops once its connection is no longer the current one', async () => {
    const { timers, pending } = manualTimers();
    let current = 1;
    const { rtt, asked, measured } = roundTrip(timers, (n) => n === current);
    rtt.start(1);
    current = 2; // reconnected meanwhile: the old answer counts for nothing
    asked[0]?.resolve(ok({}));
    await tick();
    expect(measured).toEqual([]);
    expect(pending).toEqual([]);
    rtt.start(1);
    expect(asked).toHaveLength(1);
  });
});
