import type { OutboxEntry, OutboxStorage } from './types.js';

/** Keeps the outbox in memory: for tests, scripts and bots that need no persistence. */
export function createMemoryOutboxStorage(initial: OutboxEntry[] = []): OutboxStorage {
  let entries = structuredClone(initial);
  /* eslint-disable @typescript-eslint/require-await -- OutboxStorage is async for IndexedDB; async here keeps a thrown error (structuredClone, quota) a rejection. */
  return {
    load: async () => structuredClone(entries),
    save: async (next) => {
      entries = structuredClone(next);
    },
  };
  /* eslint-enable @typescript-eslint/require-await */
}

/**
 * Keeps the outbox in a Web Storage area (`localStorage`), so it survives reloads. Each entry is
 * its own item (`<prefix>:<id>`), and a save writes and removes only the entries this instance
 * knows of: two tabs of one browser share the area without overwriting each other's messages.
 * Both tabs may then send an entry the other typed; the server stores an id once.
 */
export function createLocalStorageOutboxStorage(storage: Storage, prefix: string): OutboxStorage {
  // id → what this instance last wrote (or read) for it, with its position.
  const known = new Map<string, { order: number; value: string }>();
  let lastOrder = 0;
  const itemKey = (id: string) => `${prefix}:${id}`;

  /* eslint-disable @typescript-eslint/require-await -- OutboxStorage is async for IndexedDB; async here keeps a thrown error (structuredClone, quota) a rejection. */
  return {
    async load() {
      const found: { order: number; entry: OutboxEntry; value: string }[] = [];
      try {
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i);
          if (!key?.startsWith(`${prefix}:`)) continue;
          const value = storage.getItem(key) ?? '';
          const stored = parseStored(value);
          if (stored && itemKey(stored.entry.id) === key) found.push({ ...stored, value });
        }
      } catch (err) {
        // The outbox starts empty; the engine reports why (nothing unsent is shown meanwhile).
        throw new Error('the storage area cannot be read', { cause: err });
      }
      found.sort((a, b) => a.order - b.order);
      for (const { order, entry, value } of found) {
        known.set(entry.id, { order, value });
        lastOrder = Math.max(lastOrder, order);
      }
      return found.map((f) => f.entry);
    },
    async save(entries) {
      const ids = new Set(entries.map((e) => e.id));
      for (const id of [...known.keys()]) {
        if (ids.has(id)) continue;
        storage.removeItem(itemKey(id));
        known.delete(id);
      }
      for (const entry of entries) {
        // Positions grow with time, so entries typed in two tabs interleave as typed.
        const order =
          known.get(entry.id)?.order ?? (lastOrder = Math.max(Date.now(), lastOrder + 1));
        const value = JSON.stringify({ order, entry });
        if (known.get(entry.id)?.value === value) continue;
        storage.setItem(itemKey(entry.id), value);
        known.set(entry.id, { order, value });
      }
    },
  };
  /* eslint-enable @typescript-eslint/require-await */
}

function parseStored(value: string): { order: number; entry: OutboxEntry } | null {
  try {
    const parsed = JSON.parse(value) as { order?: unknown; entry?: unknown } | null;
    if (typeof parsed?.order !== 'number' || !isEntry(parsed.entry)) return null;
    return { order: parsed.order, entry: parsed.entry };
  } catch {
    return null;
  }
}

function isEntry(value: unknown): value is OutboxEntry {
  const entry = value as Partial<OutboxEntry> | null;
  return (
    typeof entry?.id === 'string' &&
    typeof entry.room === 'string' &&
    typeof entry.text === 'string' &&
    // Older versions stored no author: such entries load, and wait for a Retry.
    (entry.author === undefined || typeof entry.author === 'string') &&
    (entry.state === 'pending' || entry.state === 'failed')
  );
}
