// Store benchmark (issue 11): acknowledged appends per second on the stores themselves;
// acknowledged `message:send`s per second through Roomlog's server into one room and into 100
// rooms, for each store factory named in BENCH_STORES (store/store-factories.ts, PostgreSQL
// included), sent by the load-generator processes; and `room:history` page latency at depth in a
// room of 1,000,000 messages on SQLite (a socket.io-client in this process, the server in its
// own). Prints a table; `--write` saves it to results/store.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@roomlog/protocol';
import { createSqliteStore, openSqliteDatabase } from '@roomlog/server';
import { percentile } from './realtime/histogram.js';
import { startGenerators } from './realtime/generator-pool.js';
import { startServer } from './realtime/server-process.js';
import { ackedThroughServer } from './store/acked-through-server.js';
import { directAppends, directVariants } from './store/direct-appends.js';
import { storeFactories } from './store/store-factories.js';

const quick = process.env.BENCH_QUICK === '1';
const STORES = (
  process.env.BENCH_STORES ??
  'sqlite,sqlite+uncoalesced,sqlite-unbatched,sqlite-full,sqlite-full-unbatched,postgres,memory'
).split(',');
// Through the server: one room of 10 clients, each keeping 16 sends open (the server's in-flight
// bound per connection), and 100 rooms of one client keeping 2 open.
const ONE_ROOM = { rooms: 1, clientsPerRoom: 10, inFlight: 16 };
const HUNDRED_ROOMS = { rooms: 100, clientsPerRoom: 1, inFlight: 2 };
const SENDERS = 200;
const DURATION_MS = quick ? 1_500 : 4_000;
const ROWS = Math.min(
  1_000_000,
  Number(process.env.BENCH_HISTORY_ROWS ?? (quick ? 100_000 : 1_000_000)),
);
const PAGES = quick ? 200 : 1_000;
const log = (line: string) => console.error(`[store] ${line}`);
const n0 = (x: number) => Math.round(x).toLocaleString('en-US');

function connectClient(url: string): Promise<Socket> {
  const socket = io(url, {
    auth: { protocol: PROTOCOL_VERSION, name: 'bench' },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** A SQLite file with one room of `rows` messages, written in one transaction of direct inserts. */
function buildBigRoom(file: string, rows: number) {
  // The store creates the schema (its migrations); the rows go straight into its `messages` table.
  const store = createSqliteStore(openSqliteDatabase(file));
  void store.close();
  const db = new Database(file);
  const insert = db.prepare(
    'INSERT INTO messages (room, seq, id, author, text, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const text = 'x'.repeat(100);
  const at = new Date().toISOString();
  db.transaction(() => {
    for (let seq = 1; seq <= rows; seq++) {
      insert.run(
        'big',
        seq,
        `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`,
        'seed',
        text,
        at,
      );
    }
  })();
  db.close();
}

async function historyAtDepth(file: string) {
  const server = await startServer('roomlog', { sqlitePath: file });
  const socket = await connectClient(server.url);
  const store = createSqliteStore(openSqliteDatabase(file));
  const depths: [string, { before?: number; after?: number }][] = [
    ['newest page (no bound)', {}],
    [`before seq ${n0(ROWS / 2)} (middle)`, { before: ROWS / 2 }],
    ['before seq 1,000 (oldest end)', { before: 1_000 }],
    ['after seq 0 (first page)', { after: 0 }],
    [`after seq ${n0(ROWS - 100)} (catching up near the head)`, { after: ROWS - 100 }],
  ];
  const f = (xs: number[]) =>
    `${percentile(xs, 0.5).toFixed(3)} / ${percentile(xs, 0.99).toFixed(3)} / ${Math.max(...xs).toFixed(3)}`;
  const rows: string[] = [];
  // The floor of any round trip on this machine: an ack that does nothing, on plain Socket.IO and
  // on Roomlog, from the same client process as the pages.
  const floor = await startServer('socketio');
  const plain = await connectClient(floor.url);
  for (const [label, ask] of [
    ['empty ack, plain Socket.IO (`join`)', () => plain.emitWithAck('join', 'floor')],
    ['empty ack, Roomlog (`connection:ping`)', () => socket.emitWithAck('connection:ping', {})],
  ] as const) {
    const roundTrips: number[] = [];
    for (let i = 0; i < 50; i++) await ask();
    for (let i = 0; i < PAGES; i++) {
      const t = performance.now();
      await ask();
      roundTrips.push(performance.now() - t);
    }
    rows.push(`| ${label} | ${f(roundTrips)} | — | — |`);
  }
  plain.close();
  await floor.stop({ kill: true });
  for (const [label, query] of depths) {
    const roundTrips: number[] = [];
    const storeOnly: number[] = [];
    const storeCpu: number[] = [];
    // Warm-up (not counted): the first pages of a row pay for JIT and a cold page cache.
    for (let i = 0; i < 50; i++) {
      await socket.emitWithAck('room:history', { room: 'big', limit: 50, ...query });
      await store.page('big', { limit: 50, ...query });
    }
    for (let i = 0; i < PAGES; i++) {
      let t = performance.now();
      const reply = (await socket.emitWithAck('room:history', {
        room: 'big',
        limit: 50,
        ...query,
      })) as {
        ok: boolean;
        data: { messages: unknown[] };
      };
      roundTrips.push(performance.now() - t);
      if (!reply.ok || reply.data.messages.length === 0)
        throw new Error(`history failed at ${label}`);
      t = performance.now();
      const cpu = process.cpuUsage();
      await store.page('big', { limit: 50, ...query });
      storeOnly.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      storeCpu.push((used.user + used.system) / 1000);
    }
    rows.push(`| ${label} | ${f(roundTrips)} | ${f(storeOnly)} | ${f(storeCpu)} |`);
  }
  socket.close();
  await store.close();
  await server.stop({ kill: true });
  return rows;
}

const out: string[] = [
  `# Store benchmark — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (BENCH_QUICK: small sizes)' : ''}`,
  '',
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}; shared with other work. Roomlog's server in its own process; ~100-character texts; ${DURATION_MS} ms window after 500 ms warm-up. Each ack comes after the message's commit.`,
  '',
  `## Acknowledged appends per second on the store itself (${SENDERS} concurrent senders, no sockets)`,
  '',
  `Each sender awaits \`store.append\` and issues the next as soon as it resolves; an append resolves only after its commit. ${DURATION_MS / 2} ms window after 300 ms warm-up, in the bench process; latency from the call to the resolution.`,
  '',
  '| store | one room: acked/s | p50 / p99 ms | CPU µs per ack | 100 rooms: acked/s | p50 / p99 ms | CPU µs per ack |',
  '| --- | --- | --- | --- | --- | --- | --- |',
];
for (const variant of directVariants) {
  log(`${variant.label}: direct appends`);
  const cells = [];
  for (const rooms of [1, 100]) {
    const r = await directAppends(variant, rooms, SENDERS, DURATION_MS / 2);
    const lat = `${percentile(r.latencies, 0.5).toFixed(1)} / ${percentile(r.latencies, 0.99).toFixed(1)}`;
    cells.push(n0(r.perSecond), lat, r.cpuUsPerAck.toFixed(1));
  }
  out.push(`| ${variant.label} | ${cells.join(' | ')} |`);
}
out.push(
  '',
  '## Acknowledged messages per second through the server',
  '',
  `Clients: the realtime benchmark's raw-protocol clients in 2 load-generator processes, each keeping its sends open and sending the next on each ack (a closed loop); ${DURATION_MS} ms window after 500 ms warm-up. Every ack comes after the commit.`,
  '',
  "| store | one room (10 clients × 16 in flight) | 100 rooms (1 client each × 2 in flight) | server CPU µs per ack (one room / 100 rooms) | generators' CPU µs per ack |",
  '| --- | --- | --- | --- | --- |',
);
const pool = startGenerators(2);
try {
  for (const entry of STORES) {
    // `name+uncoalesced`: the same store, the server without write coalescing (before).
    const [name = '', variant] = entry.split('+');
    const factory = storeFactories[name];
    if (!factory)
      throw new Error(`unknown store ${name}; known: ${Object.keys(storeFactories).join(', ')}`);
    const env: Record<string, string> = variant === 'uncoalesced' ? { BENCH_COALESCE: '0' } : {};
    log(`${entry}: acked sends`);
    const timing = { warmupMs: 500, windowMs: DURATION_MS };
    const one = await ackedThroughServer(pool, name, ONE_ROOM, timing, env);
    const many = await ackedThroughServer(pool, name, HUNDRED_ROOMS, timing, env);
    if (one.refused + many.refused > 0)
      log(`${entry}: ${one.refused + many.refused} sends refused`);
    const label = `${factory.label}${variant === 'uncoalesced' ? '; server without write coalescing (before)' : ''}`;
    out.push(
      `| ${label} | ${n0(one.rate)} | ${n0(many.rate)} | ${one.serverCpuUsPerAck.toFixed(1)} / ${many.serverCpuUsPerAck.toFixed(1)} | ${one.clientCpuUsPerAck.toFixed(1)} / ${many.clientCpuUsPerAck.toFixed(1)} |`,
    );
  }
} finally {
  await pool.close();
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roomlog-history-'));
try {
  const file = path.join(dir, 'big.db');
  log(`building a room of ${n0(ROWS)} messages`);
  const started = performance.now();
  buildBigRoom(file, ROWS);
  const buildMs = performance.now() - started;
  log('history pages at depth');
  const rows = await historyAtDepth(file);
  out.push(
    '',
    `## room:history page (50 messages) in a room of ${n0(ROWS)} messages (SQLite)`,
    '',
    `Built in ${(buildMs / 1000).toFixed(1)} s by one transaction of direct inserts into the store's \`messages\` table (schema from the store's own migrations). ${PAGES} sequential pages per row; milliseconds p50 / p99 / max. The first two rows are acks that do nothing, measured from the same client process: the floor of a round trip on this machine.`,
    '',
    '| page | round trip through the server (socket.io-client) | `store.page` alone | CPU time of that `store.page` |',
    '| --- | --- | --- | --- |',
    ...rows,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const report = `${out.join('\n')}\n`;
console.log(report);
if (process.argv.includes('--write'))
  fs.writeFileSync(new URL('./results/store.md', import.meta.url), report);
