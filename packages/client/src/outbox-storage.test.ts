import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@roomlog/protocol';
import { createLocalStorageOutboxStorage, createMemoryOutboxStorage } from './outbox-storage.js';
import type { OutboxEntry } from './types.js';

/** A small, complete Web Storage area held in a Map (Node has no `localStorage`). */
class MapStorage implements Storage {
  private readonly items = new Map<string, string>();
  [name: string]: unknown;

  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}

const KEY = 'roomlog:outbox';
const one: OutboxEntry = {
  id: '00000000-0000-4000-8000-000000000001',
  room: 'lobby',
  text: 'hello',
  author: 'ada',
  createdAt: '2024-05-01T12:00:00.000Z',
  state: 'pending',
};
const two: OutboxEntry = {
  id: '00000000-0000-4000-8000-000000000002',
  room: 'dev',
  text: 'refused',
  author: 'bob',
  createdAt: '2024-05-01T12:00:01.000Z',
  state: 'failed',
  error: { code: ErrorCode.NOT_IN_ROOM, message: 'join first' },
};

describe('createLocalStorageOutboxStorage', () => {
  const itemOf = (area: Storage, entry: OutboxEntry) =>
    JSON.parse(area.getItem(`${KEY}:${entry.id}`) ?? 'null') as {
      order: number;
      entry: OutboxEntry;
    } | null;

  it('loads nothing from an empty area', async () => {
    const storage = createLocalStorageOutboxStorage(new MapStorage(), KEY);
    expect(await storage.load()).toEqual([]);
  });

  it('round-trips entries in order, one item per entry under its prefix, leaving other keys alone', async () => {
    const area = new MapStorage();
    area.setItem('other', 'untouched');
    const storage = createLocalStorageOutboxStorage(area, KEY);
    await storage.save([one, two]);
    expect(await storage.load()).toEqual([one, two]);
    expect(itemOf(area, one)?.entry).toEqual(one);
    expect(itemOf(area, two)?.entry).toEqual(two);
    expect(area.getItem('other')).toBe('untouched');
    expect(area.length).toBe(3);

    await storage.save([two]);
    expect(await storage.load()).toEqual([two]);
    await storage.save([]);
    expect(await storage.load()).toEqual([]);
    expect(area.length).toBe(1);
  });

  it('survives a new storage object over the same area, as after a reload', async () => {
    const area = new MapStorage();
    await createLocalStorageOutboxStorage(area, KEY).save([one, two]);
    expect(await createLocalStorageOutboxStorage(area, KEY).load()).toEqual([one, two]);
    expect(await createLocalStorageOutboxStorage(area, 'another-prefix').load()).toEqual([]);
  });

  it("lets two tabs share the area without removing or overwriting each other's entries", async () => {
    const area = new MapStorage();
    const tabA = createLocalStorageOutboxStorage(area, KEY);
    const tabB = createLocalStorageOutboxStorage(area, KEY);
    await tabA.load();
    await tabB.load();
    await tabA.save([one]);
    await tabB.save([two]);
    // A delivers its entry: only A's item goes; B's stays for the next reload.
    await tabA.save([]);
    expect(await createLocalStorageOutboxStorage(area, KEY).load()).toEqual([two]);
  });

  it('orders entries by when they were first saved, across reloads', async () => {
    const area = new MapStorage();
    const first = createLocalStorageOutboxStorage(area, KEY);
    await first.save([two]);
    const reloaded = createLocalStorageOutboxStorage(area, KEY);
    expect(await reloaded.load()).toEqual([two]);
    await reloaded.save([two, one]);
    expect(await createLocalStorageOutboxStorage(area, KEY).load()).toEqual([two, one]);
  });

  it.each([
    '{not json',
    '',
    'undefined',
    '[1, 2',
    'null',
    '{}',
    '42',
    JSON.stringify({ order: 1 }),
  ])('skips the corrupt item %j and keeps the valid ones', async (value) => {
    const area = new MapStorage();
    await createLocalStorageOutboxStorage(area, KEY).save([one]);
    area.setItem(`${KEY}:broken`, value);
    expect(await createLocalStorageOutboxStorage(area, KEY).load()).toEqual([one]);
  });

  it('filters out items that are not outbox entries, or are stored under another id', async () => {
    const area = new MapStorage();
    const invalid: unknown[] = [
      null,
      42,
      'entry',
      [],
      {},
      { ...one, id: 7 },
      { ...one, id: undefined },
      { ...one, room: null },
      { ...one, text: ['hi'] },
      { ...one, state: 'sent' },
      { ...one, state: undefined },
    ];
    invalid.forEach((entry, i) =>
      area.setItem(`${KEY}:bad-${i}`, JSON.stringify({ order: i, entry })),
    );
    area.setItem(`${KEY}:not-its-id`, JSON.stringify({ order: 1, entry: one }));
    await createLocalStorageOutboxStorage(area, KEY).save([two]);
    expect(await createLocalStorageOutboxStorage(area, KEY).load()).toEqual([two]);
  });

  it('fails to load, with the cause, when the storage area cannot be read', async () => {
    const area = new MapStorage();
    area.setItem(`${KEY}:${one.id}`, JSON.stringify({ order: 1, entry: one }));
    area.getItem = () => {
      throw new Error('SecurityError: access denied');
    };
    await expect(createLocalStorageOutboxStorage(area, KEY).load()).rejects.toThrow(
      'the storage area cannot be read',
    );
  });
});

describe('createMemoryOutboxStorage', () => {
  it('starts from the given entries and round-trips saves', async () => {
    const storage = createMemoryOutboxStorage([one]);
    expect(await storage.load()).toEqual([one]);
    await storage.save([one, two]);
    expect(await storage.load()).toEqual([one, two]);
  });

  it('keeps copies, so later edits to saved or loaded arrays do not leak in', async () => {
    const first = { ...one };
    const initial = [first];
    const storage = createMemoryOutboxStorage(initial);
    first.text = 'edited';
    initial.push(two);
    expect(await storage.load()).toEqual([one]);

    const savedEntry = { ...two };
    const saved = [savedEntry];
    await storage.save(saved);
    savedEntry.state = 'pending';
    const loaded = await storage.load();
    expect(loaded).toEqual([two]);
    loaded.pop();
    expect(await storage.load()).toEqual([two]);
  });
});
