// One person sending 1,000 messages a second, over WebSocket, over long-polling and over 20
// sockets at once, while a second person talks in the same room. The flooder gets RATE_LIMITED
// at the per-person rate (default 10/s, bursts of 30), then is dropped with a reason; the second
// person is served throughout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '@roomlog/protocol';
import {
  connect,
  expectOk,
  startServer,
  type RunningServer,
  type TestSocket,
} from './support/harness.js';
import { must } from './support/must.js';

// The second person's p99 ack latency must stay under this while the flood runs. Generous on
// purpose: the machine running the tests is shared, and speed is measured by benchmarks, not
// here; an unprotected server queues the flood ahead of everyone and misses it by far.
const P99_BOUND_MS = 3000;
const FLOOD_MS = 2000;
const PER_SECOND = 1000;
// Default budget: 30 per 3-second window; a 2-second flood can straddle two windows.
const MAX_ACCEPTED = 60;

let server: RunningServer;
const sockets: TestSocket[] = [];
beforeEach(async () => {
  // The default limits (the harness lifts the send rate for other tests).
  server = await startServer({
    ROOMLOG_STORE: 'memory',
    ROOMLOG_SEND_RATE: '10',
    ROOMLOG_SEND_BURST: '30',
  });
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server.close();
});

async function open(name: string, transports: ('polling' | 'websocket')[] = ['websocket']) {
  const socket = await connect(server.url, name, { transports });
  sockets.push(socket);
  await expectOk(socket, 'room:join', { room: 'flood' });
  return socket;
}

/** Sends PER_SECOND messages a second for FLOOD_MS, round-robin over `flooders`, not waiting. */
async function flood(flooders: TestSocket[]) {
  const outcome = { ok: 0, limited: 0, retryAfterMissing: 0, other: 0, dropped: 0 };
  for (const s of flooders) s.on('connection:dropped', () => outcome.dropped++);
  let n = 0;
  const started = Date.now();
  // By count, paced by the clock: every socket gets its share even when timers run late.
  const total = (PER_SECOND * FLOOD_MS) / 1000;
  while (n < total) {
    // Catch up with the schedule: PER_SECOND a second, however late the timer fires.
    const due = Math.floor(((Date.now() - started) * PER_SECOND) / 1000);
    for (; n < Math.min(due, total); n++) {
      const socket = must(flooders[n % flooders.length]);
      const payload = { room: 'flood', id: crypto.randomUUID(), text: `spam ${n}` };
      socket.emit('message:send', payload, (reply: Ack<unknown>) => {
        if (reply.ok) outcome.ok++;
        else if (reply.error.code === 'RATE_LIMITED') {
          outcome.limited++;
          if (!(must(reply.error.retryAfter) > 0)) outcome.retryAfterMissing++;
        } else outcome.other++;
      });
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 1500)); // late acks and drops
  return { ...outcome, attempted: n };
}

/** The second person sends every 150 ms (within their own budget) during the flood. */
async function talkDuring(bob: TestSocket, run: Promise<unknown>) {
  const latencies: number[] = [];
  let done = false;
  void run.then(() => (done = true));
  while (!done) {
    const t = performance.now();
    await expectOk(bob, 'message:send', { room: 'flood', id: crypto.randomUUID(), text: 'hi' });
    latencies.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 150));
  }
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    p99: must(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]),
  };
}

describe.each([
  ['one WebSocket', 1, ['websocket'] as const],
  ['one long-polling connection', 1, ['polling'] as const],
  ['20 WebSockets of one person', 20, ['websocket'] as const],
])('a flood over %s', (label, count, transports) => {
  it('is held to the per-person rate and dropped with a reason; the other person is served', async () => {
    const flooders = [];
    for (let i = 0; i < count; i++) flooders.push(await open('mallory', [...transports]));
    const bob = await open('bob');
    const run = flood(flooders);
    const bobs = await talkDuring(bob, run);
    const outcome = await run;
    const stored = (await expectOk(bob, 'room:history', { room: 'flood', limit: 200 })).messages;
    const mallorys = stored.filter((m) => m.author === 'mallory').length;
    console.log(
      `flood over ${label}: ${outcome.attempted} attempted, ${outcome.ok} acked ok (${mallorys} stored), ` +
        `${outcome.limited} RATE_LIMITED, ${outcome.dropped} sockets dropped; ` +
        `bob: ${bobs.count} sends, p99 ${bobs.p99.toFixed(0)} ms (bound ${P99_BOUND_MS} ms)`,
    );
    expect(outcome.ok).toBeGreaterThan(0);
    // Stored may exceed acked: acks still queued when the flooder was dropped are lost with it
    // (an unacknowledged message may be stored; the client's retry would be deduplicated).
    expect(mallorys).toBeGreaterThanOrEqual(outcome.ok);
    expect(mallorys).toBeLessThanOrEqual(MAX_ACCEPTED);
    expect(outcome.limited).toBeGreaterThan(0);
    expect(outcome.retryAfterMissing).toBe(0);
    expect(outcome.other).toBe(0);
    expect(outcome.dropped).toBe(count);
    expect(bobs.p99).toBeLessThan(P99_BOUND_MS);
  });
});
