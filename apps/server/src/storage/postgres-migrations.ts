import type pg from 'pg';

/**
 * The PostgreSQL schema, one step per version: step `i` takes the schema from version `i` to
 * `i + 1`. Append new steps; never edit or reorder shipped ones, since databases already ran them.
 */
export const postgresMigrations: readonly string[] = [
  // v1: the log, plus one head row per room. `text` is UTF-8 in BYTEA because PostgreSQL's TEXT
  // cannot hold U+0000, which a message may contain. The head row is what makes seq gap-free across
  // nodes: an append increments it in the insert's transaction, so concurrent appends to a room
  // queue on that row lock until the previous one commits (see postgres-store.ts).
  `CREATE TABLE messages (
    room TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    id TEXT NOT NULL,
    author TEXT NOT NULL,
    text BYTEA NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (room, seq),
    UNIQUE (room, id)
  );
  CREATE TABLE room_heads (
    room TEXT PRIMARY KEY,
    head INTEGER NOT NULL CHECK (head >= 1)
  );`,
];

// Any constant: every node takes this advisory lock while migrating, so two nodes starting at
// once run each step once.
const MIGRATION_LOCK = 724_113_009;

/**
 * Brings the database (the pool's `search_path` schema) up to `migrations.length`. Each step runs
 * in its own transaction together with its row in `schema_migrations`, so a failed step leaves
 * the previous version.
 *
 * @returns how many steps were applied.
 * @throws if the database's version is newer than this code knows.
 */
export async function applyPostgresMigrations(
  pool: pg.Pool,
  migrations: readonly string[] = postgresMigrations,
): Promise<number> {
  const client = await pool.connect();
  try {
    let applied = 0;
    for (;;) {
      await client.query('BEGIN');
      try {
        // Under the lock: CREATE … IF NOT EXISTS alone is not safe against a concurrent create.
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(
          `CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
          )`,
        );
        const { rows } = await client.query<{ version: number }>(
          'SELECT COALESCE(MAX(version), 0)::int AS version FROM schema_migrations',
        );
        const version = rows[0]?.version ?? 0;
        if (version > migrations.length) {
          throw new Error(
            `database schema version ${version} is newer than this server (${migrations.length})`,
          );
        }
        const sql = migrations[version];
        if (sql === undefined) {
          await client.query('COMMIT');
          return applied;
        }
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version + 1]);
        await client.query('COMMIT');
        applied += 1;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    client.release();
  }
}
