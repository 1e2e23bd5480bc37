import { redactUrl } from './cluster/redis-connection.js';
import type { Config } from './config.js';
import type { MessageStore } from './storage/message-store.js';
import { createMemoryStore } from './storage/memory-store.js';
import { createPostgresStore, openPostgresPool } from './storage/postgres-store.js';
import { createSqliteStore, openSqliteDatabase } from './storage/sqlite-store.js';

// How long the first connection and the migrations may take before the node refuses to start.
const CONNECT_TIMEOUT_MS = 10_000;

/** Opens the store the configuration names (PostgreSQL: connects and migrates first). */
export async function storeFromConfig(store: Config['store']): Promise<MessageStore> {
  if (store.kind === 'memory') return createMemoryStore();
  if (store.kind === 'postgres') {
    const pool = openPostgresPool(store.url);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer in ${CONNECT_TIMEOUT_MS} ms`)),
        CONNECT_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([createPostgresStore(pool), timeout]);
    } catch (err) {
      await pool.end().catch(() => undefined);
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`cannot use PostgreSQL at ${redactUrl(store.url)}: ${reason}`, {
        cause: err,
      });
    } finally {
      clearTimeout(timer);
    }
  }
  return createSqliteStore(openSqliteDatabase(store.path), { synchronous: store.synchronous });
}
