import pg from 'pg';
import type { Message } from '@roomlog/protocol';
import type { AppendResult, MessageStore, PageQuery, StoredRoom } from './message-store.js';
import { applyPostgresMigrations } from './postgres-migrations.js';

const COLUMNS = 'id, room, seq, author, text, at';

/** A row as pg returns it: `text` is UTF-8 bytes (BYTEA), `at` a Date (TIMESTAMPTZ). */
interface MessageRow {
  id: string;
  room: string;
  seq: number;
  author: string;
  text: Buffer;
  at: Date;
}

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  room: row.room,
  seq: row.seq,
  author: row.author,
  text: row.text.toString('utf8'),
  at: row.at.toISOString(),
});
// PostgreSQL's SQLSTATE for a unique constraint violation.
const UNIQUE_VIOLATION = '23505';
// Stands in for "no bound" in range queries; seqs are INTEGER.
const NO_BOUND = 2_147_483_647;

/** Options of {@link openPostgresPool}. */
export interface PostgresPoolOptions {
  /** A schema to use instead of `public` (tests use one per run); created when missing. */
  schema?: string;
  max?: number;
}

/**
 * A pool on `url`. No `connectionTimeoutMillis`: in pg it also bounds the wait for a free
 * connection, which a burst of appends legitimately queues for; a refused connection still fails
 * at once, and the first connect at start is bounded by the caller (store-from-config.ts).
 */
export function openPostgresPool(url: string, options: PostgresPoolOptions = {}): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
}

/**
 * A {@link MessageStore} on a PostgreSQL pool: applies pending migrations first, and takes
 * ownership of `pool` (`close()` ends it).
 *
 * Gap-free seq across nodes: `append` increments the room's row in `room_heads` (an upsert that
 * returns the new head) in the same transaction (one statement) as the insert. The row lock makes
 * every other append to that room, from any node, wait until this transaction commits or rolls
 * back; a rollback (a duplicate id, a failed insert) undoes the increment, so no seq is skipped. We chose the head row over
 * an advisory lock because it needs no lock key derived from the room name (no hash collisions
 * between rooms), works through transaction-mode poolers, and makes `head()` and `rooms()` reads of
 * one small table instead of `MAX(seq)` scans.
 */
export async function createPostgresStore(pool: pg.Pool): Promise<MessageStore> {
  await applyPostgresMigrations(pool);
  let closed = false;

  const findById = async (db: pg.Pool | pg.PoolClient, room: string, id: string) => {
    const { rows } = await db.query<MessageRow>(
      `SELECT ${COLUMNS} FROM messages WHERE room = $1 AND id = $2`,
      [room, id],
    );
    return rows[0] && toMessage(rows[0]);
  };

  return {
    async append(input): Promise<AppendResult> {
      // A retry needs no lock.
      const stored = await findById(pool, input.room, input.id);
      if (stored) return { message: stored, created: false };
      try {
        // One statement, so one implicit transaction: the head row stays locked only for the
        // length of this statement, and it resolves after COMMIT.
        const { rows } = await pool.query<{ seq: number }>(
          `WITH next AS (
             INSERT INTO room_heads (room, head) VALUES ($1, 1)
             ON CONFLICT (room) DO UPDATE SET head = room_heads.head + 1
             RETURNING head
           )
           INSERT INTO messages (room, seq, id, author, text, at)
           SELECT $1, head, $2, $3, $4, $5 FROM next
           RETURNING seq`,
          [input.room, input.id, input.author, Buffer.from(input.text, 'utf8'), input.at],
        );
        const seq = rows[0]?.seq;
        if (seq === undefined) throw new Error('INSERT … RETURNING gave no row');
        const { room, id, author, text, at } = input;
        return { message: { id, room, seq, author, text, at }, created: true };
      } catch (err) {
        // The same (room, id) committed concurrently: the whole statement, the head increment
        // included, was rolled back, so no seq was used. Return the stored one.
        if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
        const existing = await findById(pool, input.room, input.id);
        if (!existing) throw err;
        return { message: existing, created: false };
      }
    },
    async head(room) {
      const { rows } = await pool.query<{ head: number }>(
        'SELECT head FROM room_heads WHERE room = $1',
        [room],
      );
      return rows[0]?.head ?? 0;
    },
    async page(room, query: PageQuery) {
      const { after, before, limit } = query;
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`invalid limit ${limit}`);
      if (after !== undefined) {
        const { rows } = await pool.query<MessageRow>(
          `SELECT ${COLUMNS} FROM messages WHERE room = $1 AND seq > $2 AND seq < $3
           ORDER BY seq LIMIT $4`,
          [room, after, Math.min(before ?? NO_BOUND, NO_BOUND), limit],
        );
        return rows.map(toMessage);
      }
      const { rows } = await pool.query<MessageRow>(
        `SELECT ${COLUMNS} FROM messages WHERE room = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
        [room, Math.min(before ?? NO_BOUND, NO_BOUND), limit],
      );
      return rows.map(toMessage).reverse();
    },
    async rooms(): Promise<StoredRoom[]> {
      const { rows } = await pool.query<StoredRoom>(
        'SELECT room, head AS messages FROM room_heads ORDER BY room COLLATE "C"',
      );
      return rows;
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
