import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerMessageStoreContract } from './message-store.contract.js';
import type { MessageStore } from './message-store.js';
import { applyMigrations, sqliteMigrations } from './sqlite-migrations.js';
import { createSqliteStore, openSqliteDatabase } from './sqlite-store.js';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'roomlog-sqlite-'));
const msg = (room: string) => ({
  room,
  id: randomUUID(),
  author: 'ada',
  text: 'hi',
  at: new Date().toISOString(),
});

registerMessageStoreContract(
  'sqlite (file)',
  () => {
    const dir = tempDir();
    const file = join(dir, 'roomlog.sqlite');
    let current = createSqliteStore(openSqliteDatabase(file));
    return Promise.resolve({
      store: current,
      reopen: async () => {
        await current.close();
        current = createSqliteStore(openSqliteDatabase(file));
        return current;
      },
      cleanup: async () => {
        await current.close();
        rmSync(dir, { recursive: true, force: true });
      },
    });
  },
  { durable: true },
);

describe('createSqliteStore', () => {
  let dir: string;
  let file: string;
  const opened: { close(): unknown }[] = [];
  // Opens a handle that afterEach closes, so a failing test leaves no file locked.
  const open = (): Database.Database => {
    const db = openSqliteDatabase(file);
    opened.push(db);
    return db;
  };
  const track = (store: MessageStore): MessageStore => {
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = tempDir();
    file = join(dir, 'nested', 'dir', 'roomlog.sqlite');
  });
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the parent directory and sets WAL and the pragmas', () => {
    const db = open();
    track(createSqliteStore(db));
    expect(existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('cache_size', { simple: true })).toBe(-65_536);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
  });

  it('accepts synchronous FULL and rejects anything else', () => {
    const db = open();
    track(createSqliteStore(db, { synchronous: 'FULL' }));
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    // A value the type forbids, as plain JavaScript or bad config could still pass it.
    const bad = { synchronous: 'OFF; DROP TABLE messages' } as unknown as { synchronous: 'FULL' };
    expect(() => createSqliteStore(open(), bad)).toThrow(/NORMAL or FULL/);
  });

  it('works on :memory:', async () => {
    const store = track(createSqliteStore(openSqliteDatabase(':memory:')));
    expect((await store.append(msg('a'))).message.seq).toBe(1);
  });

  it('sets user_version to the number of migrations', () => {
    const db = open();
    track(createSqliteStore(db));
    expect(db.pragma('user_version', { simple: true })).toBe(sqliteMigrations.length);
  });

  it('does not re-run migrations on an existing file', async () => {
    const first = createSqliteStore(open());
    await first.append(msg('a'));
    await first.close();
    const db = open();
    expect(applyMigrations(db)).toBe(0);
    const store = track(createSqliteStore(db));
    expect(await store.head('a')).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(sqliteMigrations.length);
  });

  it('applies only the missing steps, in order', () => {
    const db = open();
    const v1 = 'CREATE TABLE one (a INTEGER)';
    const v2 = 'ALTER TABLE one ADD COLUMN b TEXT';
    expect(applyMigrations(db, [v1])).toBe(1);
    expect(applyMigrations(db, [v1, v2])).toBe(1);
    expect(applyMigrations(db, [v1, v2])).toBe(0);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT a, b FROM one').all()).toEqual([]);
  });

  it('rolls a failed step back and keeps the previous version', () => {
    const db = open();
    const broken = 'CREATE TABLE two (a INTEGER); SELECT nope FROM missing;';
    expect(() => applyMigrations(db, ['CREATE TABLE one (a INTEGER)', broken])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(['one']);
  });

  it('refuses a file from a newer schema', () => {
    const db = open();
    db.pragma(`user_version = ${sqliteMigrations.length + 1}`);
    expect(() => createSqliteStore(db)).toThrow(/newer than this server/);
  });

  it('two connections on one file appending concurrently keep seqs gap-free', async () => {
    const a = track(createSqliteStore(open()));
    const b = track(createSqliteStore(open()));
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).append(msg(i % 3 ? 'x' : 'y'))),
    );
    for (const room of ['x', 'y']) {
      const mine = results.filter((r) => r.message.room === room).map((r) => r.message.seq);
      const n = mine.length;
      expect(mine.sort((p, q) => p - q)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(await a.head(room)).toBe(n);
      expect(await b.head(room)).toBe(n);
      const page = await b.page(room, { after: 0, limit: 200 });
      expect(page.map((m) => m.seq)).toEqual(mine);
    }
  });
});
