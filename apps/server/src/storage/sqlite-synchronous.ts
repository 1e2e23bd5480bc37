// The one place the SQLite `synchronous` levels and their default are defined (config.ts and the
// store both read them). No imports: config.ts loads it without loading the SQLite driver.

/** SQLite's `PRAGMA synchronous` levels that are safe with WAL. */
export const SQLITE_SYNCHRONOUS_LEVELS = ['NORMAL', 'FULL'] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS_LEVELS)[number];

/**
 * The default `synchronous` level, and why.
 *
 * With WAL, a commit appends to the `-wal` file before `append` resolves:
 * - `NORMAL` survives a process crash (SIGKILL, OOM): the OS already holds the WAL write. A power
 *   loss or kernel panic may lose the last commits (never corrupts the file); WAL is fsynced only
 *   at checkpoints.
 * - `FULL` also survives power loss, at the cost of one fsync of the WAL per commit.
 *
 * Either way an append is acknowledged only after the commit that wrote it, and appends issued
 * together share one commit (group commit, sqlite-store.ts), so FULL pays one fsync per batch
 * rather than per message. Measured figures for both levels, one transaction per append against
 * group commit: docs/benchmarks.md (bench/store.bench.ts). The default stays NORMAL, which
 * survives what the crash test inflicts; a deployment that must survive power loss sets FULL.
 */
export const DEFAULT_SQLITE_SYNCHRONOUS: SqliteSynchronous = 'NORMAL';
