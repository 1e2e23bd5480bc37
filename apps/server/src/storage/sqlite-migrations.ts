import type Database from 'better-sqlite3';

/**
 * The SQLite schema, one step per version: step `i` takes `PRAGMA user_version` from `i` to `i + 1`.
 * Append new steps; never edit or reorder shipped ones, since existing files already ran them.
 */
export const sqliteMigrations: readonly string[] = [
  // v1: one row per message. The (room, seq) key makes "next seq" an index seek and pages range
  // scans; WITHOUT ROWID stores rows in that key's order; STRICT rejects a REAL or TEXT seq.
  `CREATE TABLE messages (
    room TEXT NOT NULL,
    seq INTEGER NOT NULL CHECK (seq >= 1),
    id TEXT NOT NULL,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (room, seq),
    UNIQUE (room, id)
  ) STRICT, WITHOUT ROWID;`,
];

/**
 * Brings `db` up to `migrations.length`, applying each missing step in its own transaction together
 * with the `user_version` bump, so a failed step leaves the file at the previous version.
 *
 * @returns how many steps were applied (0 when the file was already current).
 * @throws if the file's version is newer than this code knows.
 */
export function applyMigrations(
  db: Database.Database,
  migrations: readonly string[] = sqliteMigrations,
): number {
  let applied = 0;
  for (;;) {
    // IMMEDIATE takes the write lock before reading the version, so two processes opening a new
    // file at once cannot both run the same step.
    const step = db
      .transaction((): boolean => {
        const version = db.pragma('user_version', { simple: true }) as number;
        if (version > migrations.length) {
          throw new Error(
            `database schema version ${version} is newer than this server (${migrations.length})`,
          );
        }
        const sql = migrations[version];
        if (sql === undefined) return false;
        db.exec(sql);
        db.pragma(`user_version = ${version + 1}`);
        return true;
      })
      .immediate();
    if (!step) return applied;
    applied += 1;
  }
}
