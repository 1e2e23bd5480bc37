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
  createdAt: '2024-05-01T12:00:00.000Z',
  state: 'pending',
};
const two: OutboxEntry = {
  id: '00000000-0000-4000-8000-000000000002',
  room: 'dev',
  text: 'refused',
  createdAt: '2024-05-01T12:00:01.000Z',
  state: 'failed',
  error: { code: ErrorCode.NOT_IN_ROOM, message: 'join first' },
};

describe('createLocalStorageOutboxStorage', () => {
  it('loads nothing when the key is absent', async () => {
    const storage = createLocalStorageOutboxStorage(new MapStorage(), KEY);
    expect(await storage.load()).toEqual([]);
  });

  it('round-trips entries in order, under its key only', async () => {
    const area = new MapStorage();
    area.setItem('other', 'untouched');
    const storage = createLocalStorageOutboxStorage(area, KEY);
    await storage.save([one, two]);
    expect(await storage.load()).toEqual([one, two]);
    expect(JSON.parse(area.getItem(KEY) ?? 'null')).toEqual([one, two]);
    expect(area.getItem('other')).toBe('untouched');
    expect(area.length).toBe(2);

    await storage.save([two]);
    expect(await storage.load()).toEqual([two]);
    await storage.save([]);
    expect(await storage.load()).toEqual([]);
  });

  it('survives a new storage object over the same area, as after a reload', async () => {
    const area = new MapStorage();
    await createLocalStorageOutboxStorage(area, KEY).save([one, two]);
    expect(await createLocalStorageOutboxStorage(area, KEY).load()).toEqual([one, two]);
    expect(await createLocalStorageOutboxStorage(area, 'another-key').load()).toEqual([]);
  });

  it.each(['{not json', '', 'undefined', '[1, 2'])(
    'loads [] from the corrupt value %j',
    async (value) => {
      const area = new MapStorage();
      area.setItem(KEY, value);
      expect(await createLocalStorageOutboxStorage(area, KEY).load()).toEqual([]);
    },
  );

  it.each(['null', '{}', '"text"', '42', 'true', JSON.stringify({ 0: one })])(
    'loads [] from the non-array JSON %s',
    async (value) => {
      const area = new MapStorage();
      area.setItem(KEY, value);
      expect(await createLocalStorageOutboxStorage(area, KEY).load()).toEqual([]);
    },
  );

  it('filters out entries that are not outbox entries, keeping the valid ones in order', async () => {
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
    area.setItem(KEY, JSON.stringify([invalid[0], one, ...invalid.slice(1), two]));
    expect(await createLocalStorageOutboxStorage(area, KEY).load()).toEqual([one, two]);
  });

  it('replaces a corrupt value on the next save', async () => {
    const area = new MapStorage();
    area.setItem(KEY, '{corrupt');
    const storage = createLocalStorageOutboxStorage(area, KEY);
    expect(await storage.load()).toEqual([]);
    await storage.save([one]);
    expect(await storage.load()).toEqual([one]);
  });

  it('loads [] when the storage area cannot be read', async () => {
    const area = new MapStorage();
    area.getItem = () => {
      throw new Error('SecurityError: access denied');
    };
    expect(await createLocalStorageOutboxStorage(area, KEY).load()).toEqual([]);
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
    const initial = [{ ...one }];
    const storage = createMemoryOutboxStorage(initial);
    initial[0]!.text = 'edited';
    initial.push(two);
    expect(await storage.load()).toEqual([one]);

    const saved = [{ ...two }];
    await storage.save(saved);
    saved[0]!.state = 'pending';
    const loaded = await storage.load();
    expect(loaded).toEqual([two]);
    loaded.pop();
    expect(await storage.load()).toEqual([two]);
  });
});
