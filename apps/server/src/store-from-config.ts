import type { Config } from './config.js';
import type { MessageStore } from './storage/message-store.js';
import { createMemoryStore } from './storage/memory-store.js';
import { createSqliteStore, openSqliteDatabase } from './storage/sqlite-store.js';

/** Opens the store the configuration names. */
export function storeFromConfig(store: Config['store']): MessageStore {
  if (store.kind === 'memory') return createMemoryStore();
  return createSqliteStore(openSqliteDatabase(store.path), { synchronous: store.synchronous });
}
