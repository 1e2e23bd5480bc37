// Profiles Roomlog under load once (issue 11): a CPU profile (`node --cpu-prof`) of the built
// server carrying the C = 1,000, 50,000 deliveries/s load, and heap snapshots before and after
// 1,000 idle joined connections, for Roomlog and for the plain Socket.IO baseline, to see what a
// connection holds. Prints a summary; `--write` saves it to results/profile.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServerKind } from './realtime/clients.js';
import { startGenerators } from './realtime/generator-pool.js';
import {
  heapByClass,
  heapGrowthPerConnection,
  summariseCpuProfile,
  type CpuProfile,
  type HeapSnapshot,
} from './realtime/profile-summary.js';
import { connectClients, measureLoad } from './realtime/scenarios.js';
import { startServer } from './realtime/server-process.js';
import { must } from './realtime/must.js';

const quick = process.env.BENCH_QUICK === '1';
const CLIENTS = quick ? 200 : 1_000;
const OFFERED = quick ? 10_000 : 50_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roomlog-profile-'));
const pool = startGenerators(2);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const out: string[] = [
  `# Profile of Roomlog under load — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (BENCH_QUICK)' : ''}`,
  '',
];

try {
  // CPU: the built server with --cpu-prof; the profile is written when it exits on SIGTERM.
  const server = await startServer('roomlog', {
    sqlitePath: path.join(dir, 'cpu.db'),
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  await connectClients(pool, server, {
    names: Array<string>(CLIENTS).fill('load'),
    room: 'load',
    transport: 'websocket',
  });
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const load = await measureLoad(pool, server, {
    clients: CLIENTS,
    senders: 10,
    offered: OFFERED,
    warmupMs: 1000,
    windowMs: quick ? 3000 : 8000,
    maxDrainMs: 3000,
  });
  const toUs = Number(process.hrtime.bigint() / 1000n);
  await pool.all(() => ({ cmd: 'close' }));
  await server.stop();
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  const { categories, functions, samples } = summariseCpuProfile(
    JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile,
    fromUs,
    toUs,
  );
  out.push(
    `## CPU: ${CLIENTS} clients in one room, ${OFFERED.toLocaleString('en-US')} deliveries/s offered (${(load.deliveredRatio * 100).toFixed(1)} % delivered, ${load.cpuUsPerDelivery.toFixed(2)} µs CPU per delivery)`,
    '',
    `Self time, share of the ${samples} non-idle samples taken while the load ran (warm-up, window and drain).`,
    '',
    '| where | share |',
    '| --- | --- |',
    ...categories.slice(0, 14).map((c) => `| ${c.name} | ${pct(c.share)} |`),
    '',
    '| function (self time) | share |',
    '| --- | --- |',
    ...functions.slice(0, 20).map((f) => `| \`${f.name}\` | ${pct(f.share)} |`),
    '',
  );

  // Memory: heap snapshots before and after CLIENTS idle joined connections.
  out.push(
    `## Heap: growth per idle joined WebSocket connection (${CLIENTS} connections, by class, self size)`,
    '',
  );
  const growth: Record<string, { name: string; bytes: number }[]> = {};
  for (const kind of ['roomlog', 'socketio'] as ServerKind[]) {
    const s = await startServer(kind, { sqlitePath: path.join(dir, 'heap.db') });
    const snap = async (label: string) => {
      const stats = await s.stats({
        gc: true,
        heapSnapshot: path.join(dir, `${kind}-${label}.heapsnapshot`),
      });
      const parsed = JSON.parse(fs.readFileSync(must(stats.heapSnapshot), 'utf8')) as HeapSnapshot;
      fs.rmSync(must(stats.heapSnapshot));
      return heapByClass(parsed);
    };
    const before = await snap('before');
    await connectClients(pool, s, {
      names: Array<string>(CLIENTS).fill('idle'),
      room: 'idle',
      transport: 'websocket',
    });
    await new Promise((r) => setTimeout(r, 1000));
    const after = await snap('after');
    growth[kind] = heapGrowthPerConnection(before, after, CLIENTS);
    await s.stop({ kill: true });
    await pool.all(() => ({ cmd: 'close' }));
  }
  const base = new Map(must(growth.socketio).map((g) => [g.name, g.bytes]));
  const total = (kind: string) => must(growth[kind]).reduce((sum, g) => sum + g.bytes, 0);
  out.push(
    `Total heap growth per connection: Roomlog ${total('roomlog').toFixed(0)} B, plain Socket.IO ${total('socketio').toFixed(0)} B.`,
    '',
    '| class | Roomlog B/connection | plain Socket.IO B/connection | difference |',
    '| --- | --- | --- | --- |',
    ...must(growth.roomlog)
      .slice(0, 20)
      .map((g) => {
        const b = base.get(g.name) ?? 0;
        return `| \`${g.name}\` | ${g.bytes.toFixed(0)} | ${b.toFixed(0)} | ${(g.bytes - b).toFixed(0)} |`;
      }),
    '',
  );
} finally {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

const report = out.join('\n');
console.log(report);
if (process.argv.includes('--write'))
  fs.writeFileSync(new URL('./results/profile.md', import.meta.url), report);
