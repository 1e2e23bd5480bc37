import { randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import type { Message } from '@roomlog/protocol';
import { startBuiltCluster, type BuiltCluster } from '../support/built-cluster.js';
import { connect, expectOk, request, type TestSocket } from '../support/harness.js';
import type { ServerProcess } from '../support/server-process.js';
import { readWholeLog } from '../support/read-log.js';
import { range, syncPerson, waitForRoom, type Person } from '../support/sync-clients.js';
import { must } from '../support/must.js';

// SIGTERM during a burst: the node drains (acks what it committed, closes transports so clients
// reconnect), exits 0 within its deadline, and the clients finish on the other node.
const ROOM = 'drain';
const people: Person[] = [];
const sockets: TestSocket[] = [];
let built: BuiltCluster | undefined;
afterAll(async () => {
  for (const p of people) p.client.close();
  for (const s of sockets) s.close();
  await built?.stop();
});

const readLog = (url: string): Promise<Message[]> => readWholeLog(url, ROOM);

it('a node stopped with SIGTERM during a burst acks all it committed; clients finish elsewhere', async () => {
  built = await startBuiltCluster({
    env: { ROOMLOG_SEND_RATE: '1000', ROOMLOG_SEND_BURST: '1000', ROOMLOG_SHUTDOWN_MS: '10000' },
  });
  const [a] = built.nodes as [ServerProcess, ServerProcess];
  const haproxy = must(built.haproxy);

  // A raw client straight on node A: every send's outcome is observed, nothing is retried.
  const direct = await connect(a.url, 'direct');
  sockets.push(direct);
  await expectOk(direct, 'room:join', { room: ROOM });
  // Sync clients through HAProxy, some of them on A.
  for (let c = 0; c < 4; c++) {
    const person = await syncPerson(haproxy.url, `client-${c}`, { ackTimeoutMs: 3000 });
    person.client.join(ROOM);
    people.push(person);
  }
  for (const p of people) await waitForRoom(p.client, ROOM, (v) => v.status === 'live');

  const directIds: string[] = [];
  const directAcked = new Set<string>();
  const burst = Array.from({ length: 400 }, () => {
    const id = randomUUID();
    directIds.push(id);
    // Queued at the server's bound of commands in flight per connection (harness `request`).
    return request(direct, 'message:send', { room: ROOM, id, text: `direct ${id}` }).then(
      (reply) => void (reply.ok && directAcked.add(id)),
      () => undefined, // closed by the drain or timed out: not acked
    );
  });
  const viaProxy: string[] = [];
  const sending = people.map(async (p, c) => {
    for (let i = 0; i < 50; i++) {
      const result = p.client.send(ROOM, `client-${c} #${i}`);
      if (!result.ok) throw new Error(result.error.message);
      viaProxy.push(result.entry.id);
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  // Stop A once part of the burst is in.
  const partDeadline = Date.now() + 60_000;
  while (directAcked.size < 50) {
    if (Date.now() > partDeadline) throw new Error(`only ${directAcked.size} of the burst acked`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const stopping = Date.now();
  const exit = await a.kill('SIGTERM');
  const stopMs = Date.now() - stopping;
  await Promise.all([...burst, ...sending]);

  let log = await readLog(haproxy.url);
  for (const p of people) {
    await waitForRoom(
      p.client,
      ROOM,
      (v) => v.status === 'live' && v.pending.length === 0 && v.messages.length >= log.length,
      60_000,
    );
  }
  log = await readLog(haproxy.url);
  const inLog = new Set(log.map((m) => m.id));
  const committedDirect = directIds.filter((id) => inLog.has(id));
  console.log(
    `SIGTERM test: node A exited ${JSON.stringify(exit)} after ${stopMs} ms; direct burst ` +
      `${directIds.length} sends, ${committedDirect.length} committed, ${directAcked.size} acked; ` +
      `${viaProxy.length} sent through HAProxy, ${viaProxy.filter((id) => inLog.has(id)).length} in the log`,
  );
  expect(exit).toEqual({ code: 0, signal: null });
  expect(stopMs).toBeLessThan(10_000 + 2000);
  // Every message node A committed was acked before it went away.
  expect(committedDirect.filter((id) => !directAcked.has(id))).toEqual([]);
  expect([...directAcked].every((id) => inLog.has(id))).toBe(true);
  // The clients finished on B: everything they sent is in the log once, and they hold the log.
  expect(viaProxy.filter((id) => !inLog.has(id))).toEqual([]);
  expect(log.map((m) => m.seq)).toEqual(range(1, log.length));
  expect(inLog.size).toBe(log.length);
  for (const p of people) expect(must(p.client.getRoom(ROOM)).messages).toEqual(log);
});
