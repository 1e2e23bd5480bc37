// The stores the store benchmark can run Roomlog's server on, by name. A PostgreSQL store does not
// exist yet (issue 11 asks for its figures once it does): add it here as one more factory — e.g.
// `postgres`, creating a uniquely named schema in the `test` database on 127.0.0.1:5432 in `open`
// and dropping it in `close` — and `BENCH_STORES=sqlite,postgres` measures it beside SQLite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createMemoryStore,
  createSqliteStore,
  openSqliteDatabase,
  type MessageStore,
} from '@roomlog/server';

export interface StoreFactory {
  /** What the figures are labelled with, durability setting included. */
  label: string;
  open(): Promise<{ store: MessageStore; close: () => Promise<void> }>;
}

function sqlite(synchronous: 'NORMAL' | 'FULL', groupCommit = true): StoreFactory {
  return {
    label: `SQLite WAL, synchronous=${synchronous}${groupCommit ? ', group commit' : ', one transaction per append (before)'}`,
    open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roomlog-store-bench-'));
      const store = createSqliteStore(openSqliteDatabase(path.join(dir, 'bench.db')), {
        synchronous,
        groupCommit,
      });
      return Promise.resolve({
        store,
        close: async () => {
          await store.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      });
    },
  };
}

export const storeFactories: Record<string, StoreFactory> = {
  sqlite: sqlite('NORMAL'),
  'sqlite-full': sqlite('FULL'),
  // The store before group commit, for a same-run baseline.
  'sqlite-unbatched': sqlite('NORMAL', false),
  'sqlite-full-unbatched': sqlite('FULL', false),
  memory: {
    label: 'memory (no durability; the ceiling)',
    open() {
      const store = createMemoryStore();
      return Promise.resolve({ store, close: () => store.close() });
    },
  },
};
