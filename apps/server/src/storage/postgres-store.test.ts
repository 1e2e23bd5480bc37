import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../test/support/postgres.js';
import { registerMessageStoreContract } from './message-store.contract.js';
import type { MessageStore } from './message-store.js';
import { applyPostgresMigrations, postgresMigrations } from './postgres-migrations.js';
import { createPostgresStore } from './postgres-store.js';

const msg = (room: string) => ({
  room,
  id: randomUUID(),
  author: 'ada',
  text: 'hi',
  at: new Date().toISOString(),
});

// Every test gets a fresh schema in the local database, dropped afterwards.
registerMessageStoreContract(
  'postgres',
  async () => {
    const schema = await createTestSchema();
    let current = await createPostgresStore(schema.pool());
    return {
      store: current,
      reopen: async () => {
        await current.close();
        current = await createPostgresStore(schema.pool());
        return current;
      },
      cleanup: async () => {
        await current.close();
        await schema.drop();
      },
    };
  },
  { durable: true },
);

describe('createPostgresStore', () => {
  let schema: TestSchema;
  const opened: MessageStore[] = [];
  beforeEach(async () => {
    schema = await createTestSchema();
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await schema.drop();
  });

  it('two stores on two pools (two nodes) appending into one room get 1..n once each', async () => {
    const a = await createPostgresStore(schema.pool(4));
    const b = await createPostgresStore(schema.pool(4));
    opened.push(a, b);
    const sent = Array.from({ length: 300 }, () => msg('shared'));
    // Every third message is also retried through the other store at the same moment.
    const results = await Promise.all(
      sent.flatMap((m, i) => {
        const first = (i % 2 ? a : b).append(m);
        return i % 3 ? [first] : [first, (i % 2 ? b : a).append(m)];
      }),
    );
    const created = results.filter((r) => r.created).map((r) => r.message.seq);
    expect(created.sort((x, y) => x - y)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    // A retry got the same seq as its original.
    const seqById = new Map(
      results.filter((r) => r.created).map((r) => [r.message.id, r.message.seq]),
    );
    for (const r of results) expect(r.message.seq).toBe(seqById.get(r.message.id));
    expect(await a.head('shared')).toBe(300);
    const page = await b.page('shared', { after: 0, limit: 300 });
    expect(page.map((m) => m.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(new Set(page.map((m) => m.id))).toEqual(new Set(sent.map((m) => m.id)));
  });

  it('records the applied version and does not re-run migrations', async () => {
    const pool = schema.pool(1);
    const store = await createPostgresStore(pool);
    await store.append(msg('a'));
    expect(await applyPostgresMigrations(pool)).toBe(0);
    const { rows } = await pool.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(postgresMigrations.map((_, i) => i + 1));
    expect(await store.head('a')).toBe(1);
    await store.close();
  });

  it('applies only the missing steps, and rolls a failed step back', async () => {
    const pool = schema.pool(1);
    const v1 = 'CREATE TABLE one (a INTEGER)';
    const v2 = 'ALTER TABLE one ADD COLUMN b TEXT';
    expect(await applyPostgresMigrations(pool, [v1])).toBe(1);
    expect(await applyPostgresMigrations(pool, [v1, v2])).toBe(1);
    await expect(
      applyPostgresMigrations(pool, [v1, v2, 'CREATE TABLE two (a INT); SELECT nope FROM missing']),
    ).rejects.toThrow();
    const tables = await pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
      [schema.name],
    );
    expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual([
      'one',
      'schema_migrations',
    ]);
    await pool.end();
  });

  it('refuses a database from a newer schema', async () => {
    const pool = schema.pool(1);
    await applyPostgresMigrations(pool);
    await pool.query('INSERT INTO schema_migrations (version) VALUES ($1)', [
      postgresMigrations.length + 1,
    ]);
    await expect(createPostgresStore(pool)).rejects.toThrow(/newer than this server/);
    await pool.end();
  });

  it('two nodes starting at once migrate once', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresStore(schema.pool(2))));
    opened.push(...stores);
    const { rows } = await schema.pool(1).query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]).toEqual({ n: postgresMigrations.length });
  });
});
