import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Message } from '@roomlog/protocol';
import type {
  AppendResult,
  MessageStore,
  NewMessage,
  PageQuery,
  StoredRoom,
} from './message-store.js';
import { createGroupCommit, type ItemOutcome } from './group-commit.js';
import { applyMigrations } from './sqlite-migrations.js';
import {
  DEFAULT_SQLITE_SYNCHRONOUS,
  SQLITE_SYNCHRONOUS_LEVELS,
  type SqliteSynchronous,
} from './sqlite-synchronous.js';

export {
  DEFAULT_SQLITE_SYNCHRONOUS,
  SQLITE_SYNCHRONOUS_LEVELS,
  type SqliteSynchronous,
} from './sqlite-synchronous.js';

/** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Page cache per connection, KiB (`PRAGMA cache_size` as a negative number). */
export const SQLITE_CACHE_KIB = 65_536;
/** WAL pages (4 KiB each) after which a commit runs a checkpoint (`PRAGMA wal_autocheckpoint`). */
export const SQLITE_WAL_AUTOCHECKPOINT_PAGES = 10_000;

/** The most appends one group commit writes in one transaction (the rest go in the next). */
export const DEFAULT_MAX_BATCH = 256;

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** See {@link DEFAULT_SQLITE_SYNCHRONOUS}. */
  synchronous?: SqliteSynchronous | undefined;
  /**
   * Group commit (the default): appends issued in the same turn of the event loop share one
   * transaction, each resolved after it commits. `false` commits every append in its own
   * transaction as it is called (the behaviour before group commit; the benchmarks' baseline).
   */
  groupCommit?: boolean | undefined;
  /** At most this many appends per group commit; default {@link DEFAULT_MAX_BATCH}. */
  maxBatch?: number | undefined;
}

// Column order matches the Message shape, so rows are Messages as they come.
const COLUMNS = 'id, room, seq, author, text, at';
// Stands in for "no bound" in range queries; seqs never get near it.
const NO_BOUND = Number.MAX_SAFE_INTEGER;

/**
 * Opens (creating if needed) the SQLite file at `path`, creating its parent directory first.
 * `':memory:'` opens a private in-memory database.
 */
export function openSqliteDatabase(path: string): Database.Database {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  return new Database(path);
}

/**
 * A {@link MessageStore} on an open better-sqlite3 handle: sets WAL and the other pragmas, applies
 * pending migrations, and takes ownership of `db` (`close()` closes it).
 */
export function createSqliteStore(
  db: Database.Database,
  options: SqliteStoreOptions = {},
): MessageStore {
  const synchronous = options.synchronous ?? DEFAULT_SQLITE_SYNCHRONOUS;
  // Checked at run time too: it is interpolated into SQL and may come from the environment.
  if (!SQLITE_SYNCHRONOUS_LEVELS.includes(synchronous)) {
    throw new Error(`synchronous must be NORMAL or FULL, got ${String(synchronous)}`);
  }
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) {
    throw new RangeError(`maxBatch must be a positive integer, got ${String(maxBatch)}`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  // Every append touches a random page of the (room, id) index (ids are random UUIDs): a page
  // cache larger than the 2 MiB default keeps those pages in memory, and checkpointing every
  // ~40 MiB of WAL rather than every ~4 MiB spends fewer checkpoints (each one fsyncs) per
  // message. Neither changes what survives a crash; measured in docs/benchmarks.md.
  db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  db.pragma(`wal_autocheckpoint = ${SQLITE_WAL_AUTOCHECKPOINT_PAGES}`);
  applyMigrations(db);

  const findById = db.prepare<[string, string], Message>(
    `SELECT ${COLUMNS} FROM messages WHERE room = ? AND id = ?`,
  );
  const selectHead = db.prepare<[string], { head: number }>(
    'SELECT COALESCE(MAX(seq), 0) AS head FROM messages WHERE room = ?',
  );
  const insert = db.prepare<[Message], unknown>(
    `INSERT INTO messages (${COLUMNS}) VALUES (@id, @room, @seq, @author, @text, @at)`,
  );
  // [room, after, before, limit]: the oldest `limit` with after < seq < before.
  const selectOldest = db.prepare<[string, number, number, number], Message>(
    `SELECT ${COLUMNS} FROM messages WHERE room = ? AND seq > ? AND seq < ? ORDER BY seq LIMIT ?`,
  );
  // [room, before, limit]: the newest `limit` with seq < before, newest first.
  const selectNewest = db.prepare<[string, number, number], Message>(
    `SELECT ${COLUMNS} FROM messages WHERE room = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
  );
  // Seqs have no gaps, so MAX(seq) is the count; GROUP BY walks the (room, seq) key.
  const selectRooms = db.prepare<[], StoredRoom>(
    'SELECT room, MAX(seq) AS messages FROM messages GROUP BY room ORDER BY room',
  );

  const headOf = (room: string): number => selectHead.get(room)?.head ?? 0;

  // Runs inside a transaction (one append's or a batch's). Reads see the batch's earlier inserts,
  // so seqs stay gap-free and a duplicate id later in the same batch finds the first one.
  const appendOne = (input: NewMessage): AppendResult => {
    const existing = findById.get(input.room, input.id);
    if (existing) return { message: existing, created: false };
    const message: Message = {
      id: input.id,
      room: input.room,
      seq: headOf(input.room) + 1,
      author: input.author,
      text: input.text,
      at: input.at,
    };
    insert.run(message);
    return { message, created: true };
  };

  // IMMEDIATE (below) takes the write lock before reading MAX(seq), so another connection cannot
  // pick the same seq between our read and our insert.
  const appendTx = db.transaction(appendOne);
  const batchTx = db.transaction((inputs: readonly NewMessage[]): ItemOutcome<AppendResult>[] =>
    inputs.map((input) => {
      try {
        return { ok: true, value: appendOne(input) };
      } catch (error) {
        // SQLite undoes a failed statement alone (a constraint, a STRICT type), so the rest of the
        // batch stands. Some errors (SQLITE_FULL, I/O) roll the whole transaction back: then the
        // batch must fail as one, or later statements would autocommit outside it.
        if (!db.inTransaction) throw error;
        return { ok: false, error };
      }
    }),
  );
  const group = createGroupCommit<NewMessage, AppendResult>(
    (inputs) => batchTx.immediate(inputs),
    maxBatch,
  );
  const grouped = options.groupCommit ?? true;

  /* eslint-disable @typescript-eslint/require-await -- MessageStore is async for PostgreSQL; better-sqlite3 is synchronous, and async keeps its thrown errors rejections. */
  return {
    // better-sqlite3 is synchronous: every promise settles after the COMMIT that wrote it returned.
    async append(message) {
      if (!db.open) throw new TypeError('The database connection is not open');
      return grouped ? group.submit(message) : appendTx.immediate(message);
    },
    async head(room) {
      return headOf(room);
    },
    async page(room, query: PageQuery) {
      const { after, before, limit } = query;
      // SQLite reads a negative LIMIT as "no limit"; refuse it rather than return everything.
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`invalid limit ${limit}`);
      if (after !== undefined) return selectOldest.all(room, after, before ?? NO_BOUND, limit);
      return selectNewest.all(room, before ?? NO_BOUND, limit).reverse();
    },
    async rooms() {
      return selectRooms.all();
    },
    async close() {
      // Appends already queued are committed (and resolved) before the handle closes.
      if (db.open) group.flush();
      if (db.open) db.close();
    },
  };
  /* eslint-enable @typescript-eslint/require-await */
}
