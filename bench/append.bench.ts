// Append benchmark: the cost of SQLite's durability settings. Sequential appends (each awaited
// before the next, so each is a group commit of one: its own transaction) with synchronous=NORMAL
// (survives a process crash) and FULL (also survives power loss), against the in-memory store as
// the baseline, all measured in the same run. Prints a table; `--write` saves it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createMemoryStore,
  createSqliteStore,
  openSqliteDatabase,
  type MessageStore,
} from '@roomlog/server';
import { must } from './realtime/must.js';

const APPENDS = Number(process.env.BENCH_APPENDS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function appendsPerSecond(open: (dir: string) => MessageStore): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roomlog-append-'));
  const store = open(dir);
  const started = performance.now();
  for (let i = 0; i < APPENDS; i++) {
    await store.append({
      room: 'bench',
      id: crypto.randomUUID(),
      author: 'bench',
      text: `message ${i}`,
      at: new Date().toISOString(),
    });
  }
  const elapsed = performance.now() - started;
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return (APPENDS / elapsed) * 1000;
}

const variants: [string, (dir: string) => MessageStore][] = [
  ['memory (baseline)', () => createMemoryStore()],
  [
    'SQLite WAL, synchronous=NORMAL (default)',
    (dir) =>
      createSqliteStore(openSqliteDatabase(path.join(dir, 'a.db')), { synchronous: 'NORMAL' }),
  ],
  [
    'SQLite WAL, synchronous=FULL',
    (dir) => createSqliteStore(openSqliteDatabase(path.join(dir, 'a.db')), { synchronous: 'FULL' }),
  ],
];

const median = (xs: number[]) => must([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
const results: [string, number][] = [];
for (const [name, open] of variants) {
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) rates.push(await appendsPerSecond(open));
  results.push([name, median(rates)]);
}
const normal = must(results[1])[1];
const table = [
  `${APPENDS} sequential appends, one transaction each (median of ${RUNS} runs; ${os.cpus().length} cores, Node ${process.version}; ${new Date().toISOString().slice(0, 10)})`,
  '',
  '| store | appends/s | time per append | vs NORMAL |',
  '| --- | --- | --- | --- |',
  ...results.map(
    ([name, rate]) =>
      `| ${name} | ${rate.toFixed(0)} | ${(1000 / rate).toFixed(3)} ms | ${(normal / rate).toFixed(2)}× the time |`,
  ),
].join('\n');
console.log(table);
if (process.argv.includes('--write')) {
  fs.mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  fs.writeFileSync(new URL('./results/append.md', import.meta.url), `${table}\n`);
}
