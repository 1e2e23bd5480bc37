// Catch-up benchmark: how long one client takes to get 10,000 messages it missed while offline.
// Measured: the real sync engine (@roomlog/client) against a baseline measured in the same run,
// a bare Socket.IO client paging `room:history` as fast as the protocol allows (no dedupe, no
// state). Both over WebSocket and over long-polling. Prints a table; `--write` saves it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import { SyncClient, createMemoryOutboxStorage, createSocketIoTransport } from '@roomlog/client';
import { MAX_PAGE_SIZE, PROTOCOL_VERSION, type Ack, type HistoryResult } from '@roomlog/protocol';
import { buildServer, createSqliteStore, loadConfig, openSqliteDatabase } from '@roomlog/server';
import { must } from './realtime/must.js';

const MISSED = Number(process.env.BENCH_MISSED ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
type Transport = 'websocket' | 'polling';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roomlog-bench-'));
const store = createSqliteStore(openSqliteDatabase(path.join(dir, 'bench.db')));
// One client pages far faster than a person's history budget allows: lift it for the benchmark.
const config = loadConfig({
  LOG_LEVEL: 'error',
  ROOMLOG_WEB_ROOT: dir,
  ROOMLOG_HISTORY_PER_MINUTE: '1000000',
  ROOMLOG_JOINS_PER_MINUTE: '1000000',
});
const app = await buildServer({ config, store });
await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

let roomCounter = 0;
async function seed(room: string, count: number) {
  for (let i = 1; i <= count; i++) {
    await store.append({
      room,
      id: crypto.randomUUID(),
      author: 'seed',
      text: `message ${i} `.repeat(4),
      at: new Date().toISOString(),
    });
  }
}

/** The engine: join while the room is empty, go offline, 10,000 messages arrive, come back. */
async function engineCatchUp(transport: Transport): Promise<number> {
  const room = `bench-${++roomCounter}`;
  // A name per client: the server binds a name to one session (person) at a time.
  const socket = createSocketIoTransport({ url, name: room, transports: [transport] });
  // The engine's own reconnect is pushed out of the way: the bench reconnects when seeded.
  const client = new SyncClient({
    transport: socket,
    name: room,
    outbox: createMemoryOutboxStorage(),
    reconnectDelayMs: { minMs: 3_600_000, maxMs: 3_600_000 },
  });
  await client.start();
  client.join(room);
  await until(client, () => client.getRoom(room)?.status === 'live');
  socket.disconnect();
  await seed(room, MISSED);
  const started = performance.now();
  socket.connect();
  await until(client, () => {
    const view = client.getRoom(room);
    return view?.status === 'live' && view.messages.length === MISSED;
  });
  const elapsed = performance.now() - started;
  client.close();
  return elapsed;
}

/** The baseline: a bare client connects and pages `room:history` after 0 up to the head. */
async function bareCatchUp(transport: Transport): Promise<number> {
  const room = `bench-${++roomCounter}`;
  await seed(room, MISSED);
  const started = performance.now();
  const socket = io(url, {
    auth: { name: room, protocol: PROTOCOL_VERSION },
    transports: [transport],
    forceNew: true,
  });
  let after = 0;
  for (;;) {
    const reply = (await socket.emitWithAck('room:history', {
      room,
      after,
      limit: MAX_PAGE_SIZE,
    })) as Ack<HistoryResult>;
    if (!reply.ok) throw new Error(reply.error.message);
    after = reply.data.messages.at(-1)?.seq ?? after;
    if (!reply.data.hasMore) break;
  }
  const elapsed = performance.now() - started;
  if (after !== MISSED) throw new Error(`baseline got ${after} of ${MISSED}`);
  socket.close();
  return elapsed;
}

function until(client: SyncClient, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!done()) return;
      unsubscribe();
      resolve();
    };
    const unsubscribe = client.subscribe(check);
    check();
  });
}

const median = (xs: number[]) => must([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);

const rows: string[] = [];
for (const transport of ['websocket', 'polling'] as const) {
  const engine: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    bare.push(await bareCatchUp(transport));
    engine.push(await engineCatchUp(transport));
  }
  const e = median(engine);
  const b = median(bare);
  rows.push(
    `| ${transport} | ${MISSED} | ${e.toFixed(0)} ms | ${((MISSED / e) * 1000).toFixed(0)} msg/s | ${b.toFixed(0)} ms | ${(e / b).toFixed(2)} |`,
  );
}

await app.close();
await store.close();
fs.rmSync(dir, { recursive: true, force: true });

const table = [
  `Catch-up of ${MISSED} missed messages by one client (median of ${RUNS} runs; pages of ${MAX_PAGE_SIZE}; SQLite store; ${os.cpus().length} cores, Node ${process.version}; ${new Date().toISOString().slice(0, 10)})`,
  '',
  '| transport | missed | sync engine | throughput | bare history loop (baseline) | engine / baseline |',
  '| --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n');
console.log(table);
if (process.argv.includes('--write')) {
  fs.mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  fs.writeFileSync(new URL('./results/catch-up.md', import.meta.url), `${table}\n`);
}
