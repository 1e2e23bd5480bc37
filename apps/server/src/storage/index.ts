export type {
  AppendResult,
  MessageStore,
  NewMessage,
  PageQuery,
  StoredRoom,
} from './message-store.js';
export { createMemoryStore } from './memory-store.js';
export {
  createSqliteStore,
  DEFAULT_MAX_BATCH,
  DEFAULT_SQLITE_SYNCHRONOUS,
  openSqliteDatabase,
  type SqliteStoreOptions,
  type SqliteSynchronous,
} from './sqlite-store.js';
export {
  createPostgresStore,
  openPostgresPool,
  type PostgresPoolOptions,
} from './postgres-store.js';
export { applyPostgresMigrations, postgresMigrations } from './postgres-migrations.js';
