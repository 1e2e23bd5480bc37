// The stores the store benchmark can run Roomlog's server on, by name. `postgres` uses the local
// test database (127.0.0.1:5432, trust, database `test`; BENCH_DATABASE_URL overrides it) in a
// uniquely named schema, dropped on close.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  createMemoryStore,
  createPostgresStore,
  openPostgresPool,
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

const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const postgres: StoreFactory = {
  label: 'PostgreSQL (synchronous_commit on, the default), one transaction per append',
  async open() {
    const schema = `roomlog_bench_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = openPostgresPool(postgresUrl, { max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    const store = await createPostgresStore(openPostgresPool(postgresUrl, { schema, max: 10 }));
    return {
      store,
      close: async () => {
        await store.close();
        try {
          await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await admin.end();
        }
      },
    };
  },
};

export const storeFactories: Record<string, StoreFactory> = {
  sqlite: sqlite('NORMAL'),
  'sqlite-full': sqlite('FULL'),
  // The store before group commit, for a same-run baseline.
  'sqlite-unbatched': sqlite('NORMAL', false),
  'sqlite-full-unbatched': sqlite('FULL', false),
  postgres,
  memory: {
    label: 'memory (no durability; the ceiling)',
    open() {
      const store = createMemoryStore();
      return Promise.resolve({ store, close: () => store.close() });
    },
  },
};
