import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageStore, NewMessage } from './message-store.js';
import { createSqliteStore, openSqliteDatabase, type SqliteStoreOptions } from './sqlite-store.js';

const msg = (room: string, text = 'hi'): NewMessage => ({
  room,
  id: randomUUID(),
  author: 'ada',
  text,
  at: new Date().toISOString(),
});
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

// Frames in the WAL since the last checkpoint: every commit writes at least one.
const walFrames = (db: Database.Database): number =>
  (db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]?.log ?? Number.NaN;

describe('SQLite group commit', () => {
  let dir: string;
  let file: string;
  const opened: { close(): unknown }[] = [];
  const open = (): Database.Database => {
    const db = openSqliteDatabase(file);
    opened.push(db);
    return db;
  };
  const storeOn = (db: Database.Database, options?: SqliteStoreOptions): MessageStore => {
    const store = createSqliteStore(db, options);
    opened.unshift(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'roomlog-group-'));
    file = join(dir, 'roomlog.sqlite');
  });
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // The regression check for group commit itself: with `groupCommit: false` (one transaction per
  // append, the old behaviour) the same burst writes at least one WAL frame per message.
  it('appends issued together are written by a few commits, not one each', async () => {
    const db = open();
    const store = storeOn(db);
    walFrames(db); // checkpoint the schema
    const results = await Promise.all(range(1, 200).map(() => store.append(msg('r'))));
    expect(results.map((r) => r.message.seq)).toEqual(range(1, 200));
    expect(walFrames(db)).toBeLessThan(50);

    const single = open();
    const unbatched = storeOn(single, { groupCommit: false });
    walFrames(single);
    await Promise.all(range(1, 200).map(() => unbatched.append(msg('s'))));
    expect(walFrames(single)).toBeGreaterThanOrEqual(200);
  });

  it('assigns seqs in the order the appends were issued', async () => {
    const store = storeOn(open());
    const burst = range(1, 100).map((i) => msg(i % 2 ? 'a' : 'b', `t${i}`));
    const results = await Promise.all(burst.map((m) => store.append(m)));
    for (const room of ['a', 'b']) {
      const mine = results.filter((r) => r.message.room === room);
      expect(mine.map((r) => r.message.seq)).toEqual(range(1, 50));
    }
  });

  it('a message that fails in a batch fails alone; the others commit gap-free', async () => {
    const store = storeOn(open());
    // A BLOB is not TEXT: the STRICT table refuses this one insert.
    const bad = { ...msg('r'), text: Buffer.from('x') as unknown as string };
    const burst = [msg('r', 'a'), msg('r', 'b'), bad, msg('r', 'c'), msg('r', 'd')];
    const settled = await Promise.allSettled(burst.map((m) => store.append(m)));
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(String((settled[2] as PromiseRejectedResult).reason)).toMatch(/TEXT/);
    const log = await store.page('r', { after: 0, limit: 10 });
    expect(log.map((m) => [m.seq, m.text])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
  });

  it('when the transaction itself fails, every append of the batch rejects and nothing is stored', async () => {
    const db = open();
    const store = storeOn(db);
    // RAISE(ROLLBACK) undoes the whole transaction, as SQLITE_FULL or an I/O error would.
    db.exec(`CREATE TRIGGER poison BEFORE INSERT ON messages WHEN NEW.text = 'poison'
      BEGIN SELECT RAISE(ROLLBACK, 'poisoned batch'); END`);
    const burst = [msg('r'), msg('q'), msg('r', 'poison'), msg('r'), msg('q')];
    const settled = await Promise.allSettled(burst.map((m) => store.append(m)));
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(await store.rooms()).toEqual([]);
    expect(db.inTransaction).toBe(false);
    // The store goes on: the next batch commits from seq 1.
    const next = await Promise.all([store.append(msg('r')), store.append(msg('r'))]);
    expect(next.map((r) => r.message.seq)).toEqual([1, 2]);
  });

  it('when the write lock cannot be had, the whole batch rejects and a later one succeeds', async () => {
    const db = open();
    const store = storeOn(db);
    db.pragma('busy_timeout = 50');
    const other = open();
    other.exec('BEGIN IMMEDIATE');
    const settled = await Promise.allSettled([store.append(msg('r')), store.append(msg('r'))]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(String((settled[0] as PromiseRejectedResult).reason)).toMatch(/locked|busy/i);
    other.exec('ROLLBACK');
    expect((await store.append(msg('r'))).message.seq).toBe(1);
  });

  it('splits a burst larger than maxBatch over several commits, seqs still 1..n', async () => {
    const store = storeOn(open(), { maxBatch: 7 });
    const results = await Promise.all(range(1, 100).map(() => store.append(msg('r'))));
    expect(results.map((r) => r.message.seq)).toEqual(range(1, 100));
    expect(() => createSqliteStore(open(), { maxBatch: 0 })).toThrow(/maxBatch/);
  });

  it('close() commits the appends already queued; later appends reject', async () => {
    const store = createSqliteStore(open());
    const queued = range(1, 20).map(() => store.append(msg('r')));
    await store.close();
    expect((await Promise.all(queued)).map((r) => r.message.seq)).toEqual(range(1, 20));
    await expect(store.append(msg('r'))).rejects.toThrow(/not open/);
    const reopened = storeOn(open());
    expect(await reopened.head('r')).toBe(20);
  });

  it('no append resolves before its batch is committed (visible to another connection)', async () => {
    const store = storeOn(open());
    const reader = open();
    const count = reader.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM messages WHERE room = ?',
    );
    const seen: number[] = [];
    await Promise.all(
      range(1, 50).map(() =>
        store.append(msg('r')).then((r) => {
          // Read when the promise settles: the other connection sees at least this message.
          const n = count.get('r')?.n ?? 0;
          seen.push(n);
          expect(n).toBeGreaterThanOrEqual(r.message.seq);
        }),
      ),
    );
    expect(seen).toHaveLength(50);
  });
});
