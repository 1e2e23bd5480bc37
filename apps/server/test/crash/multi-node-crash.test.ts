import { afterAll, expect, it } from 'vitest';
import type { Message } from '@roomlog/protocol';
import { startBuiltCluster, type BuiltCluster } from '../support/built-cluster.js';
import type { ServerProcess } from '../support/server-process.js';
import { Random } from '../sim/random.js';
import { readWholeLog } from '../support/read-log.js';
import { range, syncPerson, waitForRoom, type Person } from '../support/sync-clients.js';
import { must } from '../support/must.js';

// Two nodes on one PostgreSQL schema and Redis prefix, behind HAProxy; 10 clients connect
// through HAProxy (so they spread over both nodes) and send 2,000 messages while one node at a
// time is SIGKILLed and restarted. Sizes: CRASH_MESSAGES, CRASH_KILLS, CRASH_SEED as in crash.test.ts.
const CLIENTS = 10;
const ROOM = 'multi-crash';
const MESSAGES = Number(process.env.CRASH_MESSAGES ?? 2000);
const KILLS = Math.max(2, Number(process.env.CRASH_KILLS ?? 3));
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
const SEND_WINDOW_MS = 15_000;

// The simulation's seeded PRNG, so a failing run can be replayed with CRASH_SEED.
function random(seed: number): () => number {
  const prng = new Random(seed);
  return () => prng.next();
}

const people: Person[] = [];
let built: BuiltCluster | undefined;
afterAll(async () => {
  for (const p of people) p.client.close();
  await built?.stop();
});

const readLog = (url: string): Promise<Message[]> => readWholeLog(url, ROOM);

// Sockets connected to a node, from its own /metrics.
async function socketsOn(node: ServerProcess): Promise<number> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  return [...text.matchAll(/^roomlog_connected_sockets\{[^}]*\} (\d+)$/gm)].reduce(
    (sum, m) => sum + Number(m[1]),
    0,
  );
}

it(`two nodes behind HAProxy: nothing lost or doubled while a node is SIGKILLed ${KILLS} times`, async () => {
  const rand = random(SEED);
  built = await startBuiltCluster({
    env: {
      ROOMLOG_SEND_RATE: '1000',
      ROOMLOG_SEND_BURST: '1000',
      // A killed node's members go within ~4 s.
      ROOMLOG_PRESENCE_TTL_MS: '3000',
    },
  });
  const { nodes } = built;
  const haproxy = must(built.haproxy);

  for (let c = 0; c < CLIENTS; c++) {
    const person = await syncPerson(haproxy.url, `client-${c}`, {
      ackTimeoutMs: 3000,
      retryDelayMs: 100,
    });
    person.client.join(ROOM);
    people.push(person);
  }
  for (const p of people) await waitForRoom(p.client, ROOM, (v) => v.status === 'live');
  const spread = await Promise.all(nodes.map(socketsOn));
  expect(spread.every((n) => n > 0)).toBe(true);

  // Kill moments: random, at least 3 s apart; the victim alternates, starting at random.
  const killAt: number[] = [];
  while (killAt.length < KILLS) {
    const t = 1000 + rand() * (SEND_WINDOW_MS - 3000);
    if (killAt.every((k) => Math.abs(k - t) > 3000)) killAt.push(t);
  }
  killAt.sort((a, b) => a - b);
  const first = Math.floor(rand() * 2);

  const started = Date.now();
  const sent: { id: string; text: string }[] = [];
  const perClient = MESSAGES / CLIENTS;
  const sending = people.map(async (p, c) => {
    for (let i = 0; i < perClient; i++) {
      const result = p.client.send(ROOM, `client-${c} #${i}`);
      if (!result.ok) throw new Error(result.error.message);
      sent.push({ id: result.entry.id, text: result.entry.text });
      await new Promise((r) => setTimeout(r, (SEND_WINDOW_MS / perClient) * (0.5 + rand())));
    }
  });
  // How long until every client that was on the killed node is connected again (elsewhere).
  const resumeMs: number[] = [];
  const crashing = (async () => {
    for (const [k, at] of killAt.entries()) {
      await new Promise((r) => setTimeout(r, Math.max(0, started + at - Date.now())));
      const victim = must(nodes[(first + k) % 2]);
      const killedAt = Date.now();
      await victim.kill('SIGKILL');
      // Clients notice the dropped connection at once; wait until all are connected again.
      await new Promise((r) => setTimeout(r, 50));
      while (people.some((p) => p.client.connection.state !== 'connected')) {
        await new Promise((r) => setTimeout(r, 20));
      }
      resumeMs.push(Date.now() - killedAt);
      await victim.start();
    }
  })();
  await Promise.all([...sending, crashing]);

  let log = await readLog(haproxy.url);
  for (const p of people) {
    await waitForRoom(
      p.client,
      ROOM,
      (v) => v.status === 'live' && v.pending.length === 0 && v.messages.length >= log.length,
      90_000,
    );
  }
  log = await readLog(haproxy.url);

  const pending = people.flatMap((p) => must(p.client.getRoom(ROOM)).pending);
  const acked = sent.length - pending.length;
  const inLog = new Set(log.map((m) => m.id));
  const lost = sent.filter((s) => !inLog.has(s.id)).length;
  const duplicates = log.length - inLog.size;
  console.log(
    `multi-node crash test (seed ${SEED}): 2 nodes behind HAProxy, ${CLIENTS} clients ` +
      `(${spread.join(' + ')} per node at start), ${sent.length} messages, ${KILLS} SIGKILLs at ` +
      `${killAt.map((t) => (t / 1000).toFixed(1)).join('s, ')}s; acked ${acked}, lost ${lost}, ` +
      `duplicates ${duplicates}; every client connected again ${resumeMs.map((ms) => `${ms} ms`).join(', ')} ` +
      `after its node died; took ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(log.map((m) => m.seq)).toEqual(range(1, log.length));
  expect(duplicates).toBe(0);
  expect(lost).toBe(0);
  expect(acked).toBe(MESSAGES);
  expect(log).toHaveLength(MESSAGES);
  for (const p of people) expect(must(p.client.getRoom(ROOM)).messages).toEqual(log);
});
