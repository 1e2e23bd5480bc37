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
  author: 'ada',
  createdAt: '2024-05-01T12:00:00.000Z',
  state: 'pending',
  ...patch,
});
const texts = (entries: readonly OutboxEntry[]): string[] => entries.map((e) => e.text);
const rateLimited = { code: ErrorCode.RATE_LIMITED, message: 'slow down' };
const notInRoom = { code: ErrorCode.NOT_IN_ROOM, message: 'join first' };

describe('Outbox', () => {
  it('keeps entries in the order they were added', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage(), 'ada');
    await outbox.add(entry('a', 'one'));
    await outbox.add(entry('b', 'two'));
    await outbox.add(entry('a', 'three'));
    expect(texts(outbox.mine())).toEqual(['one', 'two', 'three']);
    expect(texts(outbox.forRoom('a'))).toEqual(['one', 'three']);
    expect(outbox.forRoom('nowhere')).toEqual([]);
  });

  it('finds entries by id', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage(), 'ada');
    const one = entry('a', 'one');
    await outbox.add(one);
    expect(outbox.get(one.id)).toEqual(one);
    expect(outbox.get('missing')).toBeUndefined();
  });

  it('remove reports whether the entry was there', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage(), 'ada');
    const one = entry('a', 'one');
    const two = entry('a', 'two');
    await outbox.add(one);
    await outbox.add(two);
    expect(outbox.remove(one.id)).toBe(true);
    expect(outbox.remove(one.id)).toBe(false);
    expect(outbox.remove('missing')).toBe(false);
    expect(texts(outbox.mine())).toEqual(['two']);
  });

  it('fail marks an entry failed with its error; retry makes it pending again without one', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage(), 'ada');
    const one = entry('a', 'one');
    await outbox.add(one);
    outbox.fail(one.id, notInRoom);
    expect(outbox.get(one.id)).toEqual({ ...one, state: 'failed', error: notInRoom });
    outbox.retry(one.id);
    expect(outbox.get(one.id)).toEqual({ ...one, state: 'pending' });
    expect(outbox.get(one.id)).not.toHaveProperty('error');
  });

  it('fail and retry keep the entry in its place', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage(), 'ada');
    const second = entry('a', 'two');
    for (const e of [entry('a', 'one'), second, entry('a', 'three')]) await outbox.add(e);
    outbox.fail(second.id, rateLimited);
    expect(texts(outbox.mine())).toEqual(['one', 'two', 'three']);
    outbox.retry(second.id);
    expect(texts(outbox.mine())).toEqual(['one', 'two', 'three']);
  });

  it('nextPending is the oldest pending entry in a room that may send', async () => {
    const outbox = new Outbox(createMemoryOutboxStorage(), 'ada');
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
    const outbox = new Outbox(createMemoryOutboxStorage(), 'ada');
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
    const outbox = new Outbox(storage, 'ada');
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
    const first = new Outbox(storage, 'ada');
    const entries = [
      entry('b', 'one'),
      entry('a', 'two'),
      entry('b', 'three', { state: 'failed', error: rateLimited }),
    ];
    for (const e of entries) void first.add(e);
    await first.flushed();

    const second = new Outbox(storage, 'ada');
    expect(second.mine()).toEqual([]);
    await second.load();
    expect(second.mine()).toEqual(entries);
    expect(second.nextPending(() => true)?.text).toBe('one');
  });

  it('loads entries stored before, from the initial storage', async () => {
    const stored = [entry('a', 'old one'), entry('a', 'old two')];
    const outbox = new Outbox(createMemoryOutboxStorage(stored), 'ada');
    await outbox.load();
    expect(outbox.mine()).toEqual(stored);
  });

  it('keeps entries added before load after the stored ones, without duplicating ids', async () => {
    const old = entry('a', 'old');
    const outbox = new Outbox(createMemoryOutboxStorage([old]), 'ada');
    const typed = entry('a', 'typed while loading');
    void outbox.add(typed);
    void outbox.add(old); // the same id as a stored entry
    await outbox.load();
    expect(texts(outbox.mine())).toEqual(['typed while loading', 'old']);
  });

  it('after load, storage holds the stored entries and those added before load', async () => {
    // A message still pending from the last session must survive one typed while loading.
    const storage = createMemoryOutboxStorage([entry('a', 'from last session')]);
    const outbox = new Outbox(storage, 'ada');
    void outbox.add(entry('a', 'typed while loading'));
    await outbox.load();
    expect(texts(outbox.mine())).toEqual(['from last session', 'typed while loading']);
    await outbox.flushed();
    expect(texts(await storage.load())).toEqual(['from last session', 'typed while loading']);
  });

  it('keeps working when a save fails', async () => {
    let fail = true;
    const saved: OutboxEntry[][] = [];
    const outbox = new Outbox(
      {
        load: () => Promise.resolve([]),
        save: (entries) => {
          if (fail) return Promise.reject(new Error('quota exceeded'));
          saved.push(entries);
          return Promise.resolve();
        },
      },
      'ada',
    );
    const one = entry('a', 'one');
    await outbox.add(one);
    expect(outbox.mine()).toEqual([one]);
    fail = false;
    const two = entry('a', 'two');
    await outbox.add(two);
    expect(saved).toEqual([[one, two]]);
  });

  it("shows and sends only its author's entries; the others wait for their name", async () => {
    const storage = createMemoryOutboxStorage([
      entry('a', 'by bob', { author: 'bob' }),
      entry('a', 'by ada'),
    ]);
    const outbox = new Outbox(storage, 'ada');
    await outbox.load();
    expect(texts(outbox.mine())).toEqual(['by ada']);
    expect(texts(outbox.forRoom('a'))).toEqual(['by ada']);
    expect(outbox.nextPending(() => true)?.text).toBe('by ada');
    // Bob's entry is still saved for Bob.
    const bob = new Outbox(storage, 'bob');
    await bob.load();
    expect(texts(bob.mine())).toEqual(['by bob']);
  });

  it('shows an entry saved without an author as failed until a Retry claims it', async () => {
    // An older version's shape, saved without an author: the current type no longer allows it.
    const legacy = { ...entry('a', 'old'), author: undefined } as unknown as OutboxEntry;
    const outbox = new Outbox(createMemoryOutboxStorage([legacy]), 'ada');
    await outbox.load();
    expect(outbox.mine()).toMatchObject([{ state: 'failed', error: { code: 'UNKNOWN_AUTHOR' } }]);
    expect(outbox.nextPending(() => true)).toBeUndefined();
    outbox.retry(legacy.id);
    expect(outbox.nextPending(() => true)).toMatchObject({ text: 'old', author: 'ada' });
  });

  it('reports storage that cannot be read or written, and clears the report once a save works', async () => {
    const reports: (string | null)[] = [];
    let full = true;
    const outbox = new Outbox(
      {
        load: () => Promise.reject(new Error('denied')),
        save: () =>
          full
            ? Promise.reject(new DOMException('quota', 'QuotaExceededError'))
            : Promise.resolve(),
      },
      'ada',
      (error) => reports.push(error),
    );
    await outbox.load();
    await outbox.add(entry('a', 'one'));
    full = false;
    await outbox.add(entry('a', 'two'));
    expect(reports).toEqual([
      'Could not read the messages saved in this browser: Error: denied',
      'Could not save unsent messages in this browser: QuotaExceededError: quota',
      null,
    ]);
    // Still held (and sent) although it could not be saved.
    expect(texts(outbox.mine())).toEqual(['one', 'two']);
  });
});
