import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openPostgresPool } from '../../src/storage/postgres-store.js';

/** The local test database (trust auth); `DATABASE_URL` overrides it. */
export const TEST_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, uniquely named schema in the test database, and how to drop it. */
export interface TestSchema {
  name: string;
  /** `TEST_DATABASE_URL` with the schema as its search_path, for server processes. */
  url: string;
  /** A new pool whose connections use the schema. */
  pool(max?: number): pg.Pool;
  drop(): Promise<void>;
}

export async function createTestSchema(): Promise<TestSchema> {
  const name = `roomlog_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1 });
  await admin.query(`CREATE SCHEMA ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    name,
    url: url.toString(),
    pool: (max) => openPostgresPool(TEST_DATABASE_URL, { schema: name, ...(max ? { max } : {}) }),
    async drop() {
      await admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await admin.end();
    },
  };
}
