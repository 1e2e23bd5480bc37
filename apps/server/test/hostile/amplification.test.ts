// The amplification attack of issue 8, in-process and bounded: replies far larger than the
// requests (room:history of a room of maximal messages) asked for by a client that never reads
// them. Before the fix the same attack took the server past 1 GB and killed it (see
// amplification-probe.ts and docs/hardening.md); now it must stay up and keep serving others.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MESSAGE_TEXT_MAX } from '@roomlog/protocol';
import { createMemoryStore, type MessageStore } from '../../src/index.js';
import { startServer, type RunningServer } from '../support/harness.js';
import {
  SEPARATOR,
  closed,
  connectPolling,
  connectWebSocket,
  eventPacket,
} from '../support/raw-engine.js';
import { bystanders, resources, samplePeak } from '../support/resources.js';
import { must } from '../support/must.js';

const REQUESTS = 400;
// Generous: the unfixed server grew by more than 1,000 MB on this attack and died.
const MAX_GROWTH_MB = 400;

let server: RunningServer;
let store: MessageStore;

beforeEach(async () => {
  store = createMemoryStore();
  // 200 messages of 4,000 characters outside the BMP: 16 kB of UTF-8 each.
  const text = '😀'.repeat(MESSAGE_TEXT_MAX);
  for (let i = 0; i < 200; i++) {
    const at = new Date().toISOString();
    await store.append({ room: 'big', id: crypto.randomUUID(), author: 'seed', text, at });
  }
  // The default limits: nothing lifted for the attacker.
  server = await startServer({ ROOMLOG_STORE: 'memory' }, { store });
});
afterEach(async () => {
  await server.close();
  await store.close();
});

const historyPackets = () =>
  Array.from({ length: REQUESTS }, (_, i) =>
    eventPacket(i, 'room:history', { room: 'big', limit: 200 }),
  );

function attackerGone(): boolean {
  return ![...must(server.app).io.of('/').sockets.values()].some((s) => s.data.name === 'attacker');
}

async function waitFor(check: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('survives 400 room:history of maximal pages in one long-polling POST, then a GET', async () => {
  const before = resources();
  const others = await bystanders(server.url);
  const peak = samplePeak();
  const attacker = await connectPolling(server.url, 'attacker');
  const payload = historyPackets().join(SEPARATOR);
  const postStatus = await attacker.post(payload);
  const get = await attacker.get();
  await waitFor(attackerGone);
  const peakMb = peak.stop();
  const talk = await others.stop();
  const health = await fetch(`${server.url}/healthz`);
  console.log(
    `amplification/polling: ${REQUESTS} requests in ${payload.length} bytes; POST ${postStatus}, ` +
      `GET ${get.status} (${get.packets.length} packets); RSS ${before.rssMb.toFixed(0)} → peak ` +
      `${peakMb.toFixed(0)} MB; bystanders sent ${talk.sent}, heard ${talk.heard}`,
  );
  expect(health.status).toBe(200);
  expect(peakMb - before.rssMb).toBeLessThan(MAX_GROWTH_MB);
  expect(talk.failed).toBe(0);
  expect(talk.heard).toBe(talk.sent);
  // The attacker is cut off: its session no longer exists.
  expect((await attacker.get()).status).toBe(400);
});

it('survives the same attack over a WebSocket that never reads', async () => {
  const before = resources();
  const others = await bystanders(server.url);
  const peak = samplePeak();
  const ws = await connectWebSocket(server.url, 'attacker');
  // Stop reading: the kernel's buffers fill, then the server's queue for this client grows.
  // ws keeps its net.Socket private (_socket); pausing it is how a client stops reading.
  (ws as unknown as { _socket: { pause(): void } })._socket.pause();
  for (const packet of historyPackets()) ws.send(packet);
  await waitFor(attackerGone);
  await new Promise((r) => setTimeout(r, 1000)); // others keep talking afterwards too
  const peakMb = peak.stop();
  const talk = await others.stop();
  ws.terminate();
  await closed(ws);
  console.log(
    `amplification/websocket: ${REQUESTS} requests; RSS ${before.rssMb.toFixed(0)} → peak ` +
      `${peakMb.toFixed(0)} MB; bystanders sent ${talk.sent}, heard ${talk.heard}`,
  );
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  expect(peakMb - before.rssMb).toBeLessThan(MAX_GROWTH_MB);
  expect(talk.failed).toBe(0);
  expect(talk.heard).toBe(talk.sent);
});

it('cuts off a POST of 5,000 packets at the limit instead of queueing them', async () => {
  const attacker = await connectPolling(server.url, 'attacker');
  const join = await attacker.post(eventPacket(0, 'room:join', { room: 'spam' }));
  expect(join).toBe(200);
  await attacker.get();
  const packets = Array.from({ length: 5000 }, (_, i) =>
    eventPacket(i + 1, 'message:send', { room: 'spam', id: crypto.randomUUID(), text: 'x' }),
  );
  const payload = packets.join(SEPARATOR);
  expect(payload.length).toBeLessThan(512 * 1024); // under the POST size limit: all delivered
  expect(await attacker.post(payload)).toBe(200);
  const answered = (await attacker.get()).packets;
  const acks = answered.filter((p) => p.startsWith('43'));
  const dropped = answered.some((p) => p.includes('connection:dropped'));
  await waitFor(attackerGone);
  const stored = await store.head('spam');
  console.log(
    `one POST of 5000 sends (${payload.length} bytes): ${acks.length} acks, ${stored} stored, ` +
      `dropped with a reason: ${dropped}`,
  );
  // The default per-person budget: a burst of 30.
  expect(stored).toBeLessThanOrEqual(30);
  expect(acks.length).toBeLessThan(200);
  expect(dropped).toBe(true);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
});
