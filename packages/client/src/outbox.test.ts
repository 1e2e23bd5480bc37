import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@roomlog/protocol';
import { Outbox } from './outbox.js';
import { createMemoryOutboxStorage } from './outbox-storage.js';
import type { OutboxEntry } from './types.js';

let counter = 0;
const entry = (room: string, text: string, patch: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
  room,
  text,
  createdAt: '2024-05-01T12:00:00.000Z',
  state: 'pending',
  ...patch,
});
const texts = (entries: readonly OutboxEntry[]): string[] => entries.map((e) => e.text);
const rateLimited = { code: ErrorCode.RATE_LIMITED, message: 'slow down' };
const notInRoom = { code: ErrorCode.NOT_IN_ROOM, message: 'join first' };

describe('Outbox', () => {
  it('keeps entries in the order they were added', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage());
    await outbox.add(entry('a', 'one'));
    await outbox.add(entry('b', 'two'));
    await outbox.add(entry('a', 'three'));
    expect(texts(outbox.all())).toEqual(['one', 'two', 'three']);
    expect(texts(outbox.forRoom('a'))).toEqual(['one', 'three']);
    expect(outbox.forRoom('nowhere')).toEqual([]);
  });

  it('finds entries by id', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage());
    const one = entry('a', 'one');
    await outbox.add(one);
    expect(outbox.get(one.id)).toEqual(one);
    expect(outbox.get('missing')).toBeUndefined();
  });

  it('remove reports whether the entry was there', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage());
    const one = entry('a', 'one');
    const two = entry('a', 'two');
    await outbox.add(one);
    await outbox.add(two);
    expect(outbox.remove(one.id)).toBe(true);
    expect(outbox.remove(one.id)).toBe(false);
    expect(outbox.remove('missing')).toBe(false);
    expect(texts(outbox.all())).toEqual(['two']);
  });

  it('fail marks an entry failed with its error; retry makes it pending again without one', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage());
    const one = entry('a', 'one');
    await outbox.add(one);
    outbox.fail(one.id, notInRoom);
    expect(outbox.get(one.id)).toEqual({ ...one, state: 'failed', error: notInRoom });
    outbox.retry(one.id);
    expect(outbox.get(one.id)).toEqual({ ...one, state: 'pending' });
    expect(outbox.get(one.id)).not.toHaveProperty('error');
  });

  it('fail and retry keep the entry in its place', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage());
    const entries = [entry('a', 'one'), entry('a', 'two'), entry('a', 'three')];
    for (const e of entries) await outbox.add(e);
    outbox.fail(entries[1]!.id, rateLimited);
    expect(texts(outbox.all())).toEqual(['one', 'two', 'three']);
    outbox.retry(entries[1]!.id);
    expect(texts(outbox.all())).toEqual(['one', 'two', 'three']);
  });

  it('nextPending is the oldest pending entry in a room that may send', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage());
    const first = entry('a', 'a1');
    const second = entry('b', 'b1');
    const third = entry('a', 'a2');
    for (const e of [first, second, third]) await outbox.add(e);
    const all = () => true;

    expect(outbox.nextPending(all)).toEqual(first);
    expect(outbox.nextPending((room) => room === 'b')).toEqual(second);
    expect(outbox.nextPending(() => false)).toBeUndefined();

    outbox.fail(first.id, notInRoom);
    expect(outbox.nextPending(all)).toEqual(second);
    expect(outbox.nextPending((room) => room === 'a')).toEqual(third);

    outbox.retry(first.id);
    expect(outbox.nextPending(all)?.id).toBe(first.id);

    outbox.remove(first.id);
    outbox.remove(second.id);
    outbox.remove(third.id);
    expect(outbox.nextPending(all)).toBeUndefined();
  });

  it('asks the room filter about each pending room', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage());
    await outbox.add(entry('a', 'a1', { state: 'failed', error: notInRoom }));
    await outbox.add(entry('b', 'b1'));
    await outbox.add(entry('c', 'c1'));
    const asked: string[] = [];
    const next = outbox.nextPending((room) => {
      asked.push(room);
      return room === 'c';
    });
    expect(next?.text).toBe('c1');
    // Failed entries are skipped without asking.
    expect(asked).toEqual(['b', 'c']);
  });

  it('persists every change once flushed', async () => {
    const storage = createMemoryOutboxStorage();
    const outbox = new Outbox(storage);
    const one = entry('a', 'one');
    const two = entry('b', 'two');
    await outbox.add(one);
    expect(await storage.load()).toEqual([one]);

    void outbox.add(two);
    outbox.fail(one.id, notInRoom);
    await outbox.flushed();
    expect(await storage.load()).toEqual([{ ...one, state: 'failed', error: notInRoom }, two]);

    outbox.retry(one.id);
    await outbox.flushed();
    expect(await storage.load()).toEqual([one, two]);

    outbox.remove(two.id);
    await outbox.flushed();
    expect(await storage.load()).toEqual([one]);
  });

  it('reloads from storage in the same order', async () => {
    const storage = createMemoryOutboxStorage();
    const first = new Outbox(storage);
    const entries = [
      entry('b', 'one'),
      entry('a', 'two'),
      entry('b', 'three', { state: 'failed', error: rateLimited }),
    ];
    for (const e of entries) void first.add(e);
    await first.flushed();

    const second = new Outbox(storage);
    expect(second.all()).toEqual([]);
    await second.load();
    expect(second.all()).toEqual(entries);
    expect(second.nextPending(() => true)?.text).toBe('one');
  });

  it('loads entries stored before, from the initial storage', async () => {
    const stored = [entry('a', 'old one'), entry('a', 'old two')];
    const outbox = new Outbox(createMemoryOutboxStorage(stored));
    await outbox.load();
    expect(outbox.all()).toEqual(stored);
  });

  it('keeps entries added before load after the stored ones, without duplicating ids', async () => {
    const old = entry('a', 'old');
    const outbox = new Outbox(createMemoryOutboxStorage([old]));
    const typed = entry('a', 'typed while loading');
    void outbox.add(typed);
    void outbox.add(old); // the same id as a stored entry
    await outbox.load();
    expect(texts(outbox.all())).toEqual(['typed while loading', 'old']);
  });

  it('after load, storage holds the stored entries and those added before load', async () => {
    // A message still pending from the last session must survive one typed while loading.
    const storage = createMemoryOutboxStorage([entry('a', 'from last session')]);
    const outbox = new Outbox(storage);
    void outbox.add(entry('a', 'typed while loading'));
    await outbox.load();
    expect(texts(outbox.all())).toEqual(['from last session', 'typed while loading']);
    await outbox.flushed();
    expect(texts(await storage.load())).toEqual(['from last session', 'typed while loading']);
  });

  it('keeps working when a save fails', async () => {
    let fail = true;
    const saved: OutboxEntry[][] = [];
    const outbox = new Outbox({
      load: async () => [],
      save: async (entries) => {
        if (fail) throw new Error('quota exceeded');
        saved.push(entries);
      },
    });
    const one = entry('a', 'one');
    await outbox.add(one);
    expect(outbox.all()).toEqual([one]);
    fail = false;
    const two = entry('a', 'two');
    await outbox.add(two);
    expect(saved).toEqual([[one, two]]);
  });
});
