import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';
import { createSqliteStore, openSqliteDatabase } from '../src/index.js';
import { tempDir } from './support/harness.js';
import { range } from './support/sync-clients.js';

// better-sqlite3 runs each call to completion, so appends through one handle never overlap: the
// contract suite's "appends issued together" cannot show a race. Real contention needs several
// connections at once: here, worker threads, each with its own handle on one file.
const WORKERS = 4;
const PER_WORKER = 250;
const ROOMS = ['a', 'b'];

it(`appends from ${WORKERS} connections at once get exactly 1..n per room`, async () => {
  const file = join(tempDir(), 'contended.sqlite');
  // Create the schema first, so the workers do not race to migrate.
  await createSqliteStore(openSqliteDatabase(file)).close();
  const workers = Array.from(
    { length: WORKERS },
    (_, worker) =>
      new Worker(new URL('./support/ts-worker.mjs', import.meta.url), {
        workerData: {
          module: new URL('./support/sqlite-append-worker.ts', import.meta.url).href,
          file,
          rooms: ROOMS,
          count: PER_WORKER,
          worker,
        },
      }),
  );
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  const results = workers.map(
    (w) =>
      new Promise<{ room: string; seq: number }[]>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      }),
  );
  for (const w of workers) w.postMessage('go');
  const seqs = (await Promise.all(results)).flat();

  const store = createSqliteStore(openSqliteDatabase(file));
  const total = WORKERS * PER_WORKER;
  for (const room of ROOMS) {
    const mine = seqs.filter((s) => s.room === room).map((s) => s.seq);
    expect(mine.sort((x, y) => x - y)).toEqual(range(1, total / ROOMS.length));
    const log = await store.page(room, { after: 0, limit: total });
    expect(log.map((m) => m.seq)).toEqual(range(1, total / ROOMS.length));
  }
  // The writers did interleave: each room's log holds more than one writer's run.
  const authors = (await store.page('a', { after: 0, limit: total })).map((m) => m.author);
  const switches = authors.filter((a, i) => i > 0 && a !== authors[i - 1]).length;
  expect(switches).toBeGreaterThan(1);
  await store.close();
});
