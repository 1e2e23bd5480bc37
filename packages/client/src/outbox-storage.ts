import type { OutboxEntry, OutboxStorage } from './types.js';

/** Keeps the outbox in memory: for tests, scripts and bots that need no persistence. */
export function createMemoryOutboxStorage(initial: OutboxEntry[] = []): OutboxStorage {
  let entries = structuredClone(initial);
  return {
    load: async () => structuredClone(entries),
    save: async (next) => {
      entries = structuredClone(next);
    },
  };
}

/** Keeps the outbox in a Web Storage area (`localStorage`) under one key, so it survives reloads. */
export function createLocalStorageOutboxStorage(storage: Storage, key: string): OutboxStorage {
  return {
    async load() {
      try {
        const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
        return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
      } catch {
        // A corrupt value must not stop the app; it is replaced on the next save.
        return [];
      }
    },
    async save(entries) {
      storage.setItem(key, JSON.stringify(entries));
    },
  };
}

function isEntry(value: unknown): value is OutboxEntry {
  const entry = value as Partial<OutboxEntry> | null;
  return (
    typeof entry?.id === 'string' &&
    typeof entry.room === 'string' &&
    typeof entry.text === 'string' &&
    (entry.state === 'pending' || entry.state === 'failed')
  );
}
