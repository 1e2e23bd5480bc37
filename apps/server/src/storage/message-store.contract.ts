import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '@roomlog/protocol';
import type { AppendResult, MessageStore, NewMessage } from './message-store.js';

/** What a contract factory hands the suite: a fresh, empty store and how to dispose of it. */
export interface StoreFixture {
  store: MessageStore;
  /** Durable stores only: closes `store` and opens a new one on the same data. */
  reopen?: () => Promise<MessageStore>;
  /** Closes whatever store is open and removes its data. */
  cleanup: () => Promise<void>;
}

const msg = (room: string, text = 'hi', id: string = randomUUID()): NewMessage => ({
  room,
  id,
  author: 'ada',
  text,
  at: new Date().toISOString(),
});
const seqs = (messages: Message[]): number[] => messages.map((m) => m.seq);
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Checks the results of appends issued together: every id of `originals` was created exactly
 * once, every result for one (room, id) is the same stored message — one of the versions issued
 * under that id: appends issued together are concurrent, so a store with several connections
 * (PostgreSQL) may commit a retry before its original — and the seqs of created messages are
 * unique per room.
 */
function expectBurstConsistent(
  issued: NewMessage[],
  results: AppendResult[],
  originals: NewMessage[],
): void {
  expect(results).toHaveLength(issued.length);
  const versions = new Map<string, NewMessage[]>();
  for (const m of issued) {
    const key = `${m.room}/${m.id}`;
    versions.set(key, [...(versions.get(key) ?? []), m]);
  }
  const stored = new Map<string, Message>();
  results.forEach((result, i) => {
    const input = issued[i];
    expect(input).toBeDefined();
    if (!input) return;
    const key = `${input.room}/${input.id}`;
    const { seq, ...body } = result.message;
    expect(versions.get(key)).toContainEqual(body);
    expect(seq).toBeGreaterThan(0);
    const first = stored.get(key);
    if (first) expect(result.message).toEqual(first);
    else stored.set(key, result.message);
  });
  expect(results.filter((r) => r.created)).toHaveLength(originals.length);
  expect(stored.size).toBe(originals.length);
  const created = new Set(
    results.filter((r) => r.created).map((r) => `${r.message.room}/${r.message.id}`),
  );
  expect(created.size).toBe(originals.length);
  const seqKeys = new Set([...stored.values()].map((m) => `${m.room}#${m.seq}`));
  expect(seqKeys.size).toBe(originals.length);
}

/**
 * Registers the one suite every {@link MessageStore} must pass. `factory` is called before each
 * test and must return an empty store.
 */
export function registerMessageStoreContract(
  name: string,
  factory: () => Promise<StoreFixture>,
  options: { durable?: boolean } = {},
): void {
  describe(`MessageStore contract: ${name}`, () => {
    let fx: StoreFixture;
    let store: MessageStore;
    beforeEach(async () => {
      fx = await factory();
      store = fx.store;
    });
    afterEach(async () => {
      await fx.cleanup();
    });

    const fill = async (room: string, n: number): Promise<void> => {
      for (let i = 0; i < n; i++) await store.append(msg(room, `m${i + 1}`));
    };

    it('an empty room has head 0 and empty pages', async () => {
      expect(await store.head('empty')).toBe(0);
      expect(await store.page('empty', { limit: 10 })).toEqual([]);
      expect(await store.page('empty', { after: 0, limit: 10 })).toEqual([]);
      expect(await store.rooms()).toEqual([]);
    });

    it('numbers each room 1..n without gaps, independently', async () => {
      const got: Record<string, number[]> = { a: [], b: [] };
      for (const room of ['a', 'b', 'a', 'a', 'b', 'a']) {
        const { message, created } = await store.append(msg(room));
        expect(created).toBe(true);
        got[room]?.push(message.seq);
      }
      expect(got).toEqual({ a: [1, 2, 3, 4], b: [1, 2] });
      expect(await store.head('a')).toBe(4);
      expect(await store.head('b')).toBe(2);
    });

    // Issued together, not awaited one by one. A store whose driver answers synchronously
    // (better-sqlite3) still runs them one after another; contention between connections is
    // tested per store where it exists (test/sqlite-concurrency.test.ts for SQLite).
    it('appends issued together get exactly 1..n per room', async () => {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => store.append(msg(i % 2 ? 'odd' : 'even'))),
      );
      for (const room of ['odd', 'even']) {
        const mine = results.filter((r) => r.message.room === room).map((r) => r.message.seq);
        expect(mine.sort((x, y) => x - y)).toEqual(range(1, 100));
        expect(await store.head(room)).toBe(100);
        expect(seqs(await store.page(room, { after: 0, limit: 200 }))).toEqual(range(1, 100));
      }
    });

    it('a retried (room, id) returns the stored message and changes nothing', async () => {
      const first = await store.append(msg('r', 'original'));
      await store.append(msg('r'));
      const retry = await store.append({
        ...msg('r', 'changed', first.message.id),
        author: 'eve',
        at: '2000-01-01T00:00:00.000Z',
      });
      expect(retry).toEqual({ message: first.message, created: false });
      expect(await store.head('r')).toBe(2);
      expect(await store.page('r', { limit: 10 })).toHaveLength(2);
    });

    it('duplicates issued together store one message', async () => {
      const m = msg('r');
      const results = await Promise.all([store.append(m), store.append(m), store.append(m)]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.seq))).toEqual(new Set([1]));
      expect(await store.head('r')).toBe(1);
    });

    // Catches batching bugs (group commit): many appends issued together into one room, with
    // retries of the same id among them — some right after the original, some much later.
    it('a burst into one room with duplicates inside it: each promise gets its own message', async () => {
      const originals = Array.from({ length: 300 }, (_, i) => msg('burst', `t${i}`));
      const issued: NewMessage[] = [];
      originals.forEach((m, i) => {
        issued.push(m);
        // A retry right behind its original, and one of an earlier message (changed text).
        if (i % 3 === 0) issued.push({ ...m });
        if (i % 7 === 0 && i > 0) issued.push({ ...(originals[i - 5] ?? m), text: 'changed' });
      });
      const results = await Promise.all(issued.map((m) => store.append(m)));
      expectBurstConsistent(issued, results, originals);
      expect(await store.head('burst')).toBe(originals.length);
      const log = await store.page('burst', { after: 0, limit: 1000 });
      expect(seqs(log)).toEqual(range(1, originals.length));
      expect(log.map((m) => m.id).sort()).toEqual(originals.map((m) => m.id).sort());
    });

    it('a burst into 100 rooms with duplicates inside it: 1..n per room, right message each', async () => {
      const rooms = Array.from({ length: 100 }, (_, r) => `room-${r}`);
      const originals = Array.from({ length: 1000 }, (_, i) =>
        msg(rooms[(i * 37) % 100] ?? 'room-0', `t${i}`),
      );
      const issued = originals.flatMap((m, i) => (i % 4 === 0 ? [m, { ...m, text: 'dup' }] : [m]));
      const results = await Promise.all(issued.map((m) => store.append(m)));
      expectBurstConsistent(issued, results, originals);
      for (const room of rooms) {
        const mine = originals.filter((m) => m.room === room).length;
        expect(await store.head(room)).toBe(mine);
        expect(seqs(await store.page(room, { after: 0, limit: 100 }))).toEqual(range(1, mine));
      }
      expect((await store.rooms()).reduce((n, r) => n + r.messages, 0)).toBe(originals.length);
    });

    it('bursts issued after a resolved burst continue its seqs', async () => {
      for (let round = 0; round < 3; round++) {
        const burst = Array.from({ length: 50 }, () => msg('rounds'));
        const results = await Promise.all(burst.map((m) => store.append(m)));
        expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(
          range(round * 50 + 1, round * 50 + 50),
        );
      }
      expect(await store.head('rounds')).toBe(150);
    });

    it('the same id in two rooms is two messages', async () => {
      const id = randomUUID();
      const a = await store.append(msg('a', 'x', id));
      const b = await store.append(msg('b', 'y', id));
      expect([a.created, b.created]).toEqual([true, true]);
      expect([a.message.seq, b.message.seq]).toEqual([1, 1]);
      expect((await store.page('b', { limit: 5 }))[0]?.text).toBe('y');
    });

    it('pages every case oldest first', async () => {
      await fill('p', 10);
      const page = async (q: { after?: number; before?: number; limit: number }) =>
        seqs(await store.page('p', q));
      // after only: the oldest after it.
      expect(await page({ after: 3, limit: 4 })).toEqual([4, 5, 6, 7]);
      expect(await page({ after: 0, limit: 3 })).toEqual([1, 2, 3]);
      expect(await page({ after: 8, limit: 10 })).toEqual([9, 10]);
      // before only: the newest before it.
      expect(await page({ before: 8, limit: 3 })).toEqual([5, 6, 7]);
      expect(await page({ before: 3, limit: 5 })).toEqual([1, 2]);
      expect(await page({ before: 99, limit: 2 })).toEqual([9, 10]);
      expect(await page({ before: 1, limit: 5 })).toEqual([]);
      // both: the oldest strictly between.
      expect(await page({ after: 2, before: 9, limit: 3 })).toEqual([3, 4, 5]);
      expect(await page({ after: 2, before: 9, limit: 50 })).toEqual([3, 4, 5, 6, 7, 8]);
      expect(await page({ after: 5, before: 6, limit: 5 })).toEqual([]);
      // neither: the newest.
      expect(await page({ limit: 4 })).toEqual([7, 8, 9, 10]);
      expect(await page({ limit: 100 })).toEqual(range(1, 10));
      // after at or beyond head: nothing.
      expect(await page({ after: 10, limit: 5 })).toEqual([]);
      expect(await page({ after: 50, limit: 5 })).toEqual([]);
      // Pages carry the whole message.
      expect((await store.page('p', { after: 1, limit: 1 }))[0]).toMatchObject({
        room: 'p',
        seq: 2,
        text: 'm2',
        author: 'ada',
      });
    });

    it('rejects a limit below 1', async () => {
      await fill('p', 3);
      await expect(store.page('p', { limit: 0 })).rejects.toThrow(RangeError);
      await expect(store.page('p', { after: 0, limit: -1 })).rejects.toThrow(RangeError);
    });

    it('lists rooms with their message counts', async () => {
      await fill('beta', 1);
      await fill('alpha', 3);
      const dup = msg('beta');
      await store.append(dup);
      await store.append(dup);
      expect(await store.rooms()).toEqual([
        { room: 'alpha', messages: 3 },
        { room: 'beta', messages: 2 },
      ]);
    });

    it('round-trips any text unchanged', async () => {
      const texts = [
        'héllo 👋🏽 家族 👨‍👩‍👧 עברית',
        '<script>alert("x")</script> &amp; <b>bold</b>',
        'line 1\nline 2\r\n\ttabbed\n',
        `quotes ' " \`; DROP TABLE messages; --`,
        'zero\u200bwidth \u0000 nul \uFFFD',
      ];
      for (const text of texts) await store.append({ ...msg('t', text), author: 'Zoë 🦊' });
      const page = await store.page('t', { limit: 10 });
      expect(page.map((m) => m.text)).toEqual(texts);
      expect(page.every((m) => m.author === 'Zoë 🦊')).toBe(true);
    });

    it('close() can be called twice, and later calls fail', async () => {
      await store.close();
      await store.close();
      await expect(store.head('a')).rejects.toThrow();
    });

    // Durable stores only: registered (not skipped) where it applies.
    if (!options.durable) return;
    it('keeps data across reopen, and seq continues from the old head', async () => {
      if (!fx.reopen) throw new Error('a durable store fixture must provide reopen()');
      const written: Message[] = [];
      for (const room of ['a', 'b', 'a', 'a'])
        written.push((await store.append(msg(room))).message);
      store = await fx.reopen();
      expect(await store.head('a')).toBe(3);
      expect(await store.page('a', { limit: 10 })).toEqual(written.filter((m) => m.room === 'a'));
      expect(await store.rooms()).toEqual([
        { room: 'a', messages: 3 },
        { room: 'b', messages: 1 },
      ]);
      const again = await store.append({ ...msg('a'), id: written[0]?.id ?? '' });
      expect(again).toEqual({ message: written[0], created: false });
      expect((await store.append(msg('a'))).message.seq).toBe(4);
    });
  });
}
