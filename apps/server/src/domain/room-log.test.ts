import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE, type Message } from '@roomlog/protocol';
import { createMemoryStore } from '../storage/memory-store.js';
import type { MessageStore } from '../storage/message-store.js';
import { createRoomLog, type RoomLog } from './room-log.js';

const AT = '2024-05-01T12:00:00.000Z';
const seqs = (messages: Message[]): number[] => messages.map((m) => m.seq);
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('createRoomLog', () => {
  let store: MessageStore;
  let log: RoomLog;
  let clock: Date;

  beforeEach(() => {
    store = createMemoryStore();
    clock = new Date(AT);
    log = createRoomLog({ store, now: () => clock });
  });

  const fill = async (room: string, n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      await log.append({ room, id: randomUUID(), author: 'Ada', text: `m${i + 1}` });
    }
  };

  describe('append', () => {
    it('stamps messages with the injected clock', async () => {
      const first = await log.append({ room: 'lobby', id: randomUUID(), author: 'Ada', text: 'a' });
      clock = new Date('2030-01-02T03:04:05.678Z');
      const second = await log.append({
        room: 'lobby',
        id: randomUUID(),
        author: 'Ada',
        text: 'b',
      });
      expect(first.message.at).toBe(AT);
      expect(second.message.at).toBe('2030-01-02T03:04:05.678Z');
      expect(seqs((await log.snapshot('lobby')).messages)).toEqual([1, 2]);
    });

    it('stores what it is given and assigns the next seq', async () => {
      const id = randomUUID();
      const result = await log.append({ room: 'lobby', id, author: 'Ada', text: 'hello' });
      expect(result).toEqual({
        created: true,
        message: { id, room: 'lobby', seq: 1, author: 'Ada', text: 'hello', at: AT },
      });
    });

    it('returns the stored message for a repeated id and stores nothing new', async () => {
      const id = randomUUID();
      const first = await log.append({ room: 'lobby', id, author: 'Ada', text: 'hello' });
      clock = new Date('2031-01-01T00:00:00.000Z');
      const again = await log.append({ room: 'lobby', id, author: 'Ada', text: 'changed?' });
      expect(again).toEqual({ created: false, message: first.message });
      expect((await log.snapshot('lobby')).head).toBe(1);
    });

    it('dedupes per room: the same id in another room is a new message', async () => {
      const id = randomUUID();
      await log.append({ room: 'a', id, author: 'Ada', text: 'x' });
      const other = await log.append({ room: 'b', id, author: 'Ada', text: 'x' });
      expect(other.created).toBe(true);
      expect(other.message.seq).toBe(1);
    });
  });

  describe('snapshot', () => {
    it('of an empty room is head 0 and no messages', async () => {
      expect(await log.snapshot('empty')).toEqual({ head: 0, messages: [] });
      expect(await log.snapshot('empty', 0)).toEqual({ head: 0, messages: [] });
    });

    it('without since is the newest page, oldest first', async () => {
      await fill('lobby', DEFAULT_PAGE_SIZE + 5);
      const snap = await log.snapshot('lobby');
      expect(snap.head).toBe(DEFAULT_PAGE_SIZE + 5);
      expect(seqs(snap.messages)).toEqual(range(6, DEFAULT_PAGE_SIZE + 5));
    });

    it('with since is the oldest page after it', async () => {
      await fill('lobby', DEFAULT_PAGE_SIZE + 20);
      const snap = await log.snapshot('lobby', 3);
      expect(snap.head).toBe(DEFAULT_PAGE_SIZE + 20);
      expect(seqs(snap.messages)).toEqual(range(4, DEFAULT_PAGE_SIZE + 3));
    });

    it('with since at or past the head is empty but reports the head', async () => {
      await fill('lobby', 4);
      expect(await log.snapshot('lobby', 4)).toEqual({ head: 4, messages: [] });
      expect(await log.snapshot('lobby', 9)).toEqual({ head: 4, messages: [] });
    });

    it('reads no page when nothing is newer than since (an empty room, a reconnect up to date)', async () => {
      await fill('lobby', 4);
      let pages = 0;
      const counting: MessageStore = {
        ...store,
        page: (room, query) => {
          pages += 1;
          return store.page(room, query);
        },
      };
      const counted = createRoomLog({ store: counting, now: () => clock });
      await counted.snapshot('empty');
      await counted.snapshot('lobby', 4);
      expect(pages).toBe(0);
      await counted.snapshot('lobby', 3);
      expect(pages).toBe(1);
    });

    it('with since 0 is the whole log from the start', async () => {
      await fill('lobby', 3);
      expect(seqs((await log.snapshot('lobby', 0)).messages)).toEqual([1, 2, 3]);
    });
  });

  describe('history', () => {
    beforeEach(async () => {
      await fill('lobby', 10);
    });

    it('neither: the newest page; more exists when it does not reach seq 1', async () => {
      expect(await log.history('lobby', { limit: 4 })).toMatchObject({ head: 10, hasMore: true });
      expect(seqs((await log.history('lobby', { limit: 4 })).messages)).toEqual([7, 8, 9, 10]);
      const all = await log.history('lobby', { limit: 10 });
      expect(seqs(all.messages)).toEqual(range(1, 10));
      expect(all.hasMore).toBe(false);
      const defaults = await log.history('lobby', {});
      expect(seqs(defaults.messages)).toEqual(range(1, 10));
      expect(defaults.hasMore).toBe(false);
    });

    it('before only: the newest page below it; more exists when it does not reach seq 1', async () => {
      const page = await log.history('lobby', { before: 8, limit: 3 });
      expect(seqs(page.messages)).toEqual([5, 6, 7]);
      expect(page).toMatchObject({ head: 10, hasMore: true });
      const rest = await log.history('lobby', { before: 5, limit: 10 });
      expect(seqs(rest.messages)).toEqual([1, 2, 3, 4]);
      expect(rest.hasMore).toBe(false);
      const exact = await log.history('lobby', { before: 4, limit: 3 });
      expect(seqs(exact.messages)).toEqual([1, 2, 3]);
      expect(exact.hasMore).toBe(false);
    });

    it('after only: the oldest page above it; more exists when it does not reach the head', async () => {
      const page = await log.history('lobby', { after: 2, limit: 3 });
      expect(seqs(page.messages)).toEqual([3, 4, 5]);
      expect(page).toMatchObject({ head: 10, hasMore: true });
      const exact = await log.history('lobby', { after: 7, limit: 3 });
      expect(seqs(exact.messages)).toEqual([8, 9, 10]);
      expect(exact.hasMore).toBe(false);
      const short = await log.history('lobby', { after: 8, limit: 5 });
      expect(seqs(short.messages)).toEqual([9, 10]);
      expect(short.hasMore).toBe(false);
    });

    it('after only: more is judged against the head, not against seq 1', async () => {
      // The page reaches back to seq 1 and still leaves newer messages unread.
      const page = await log.history('lobby', { after: 0, limit: 4 });
      expect(seqs(page.messages)).toEqual([1, 2, 3, 4]);
      expect(page.hasMore).toBe(true);
    });

    it('both: the oldest page between them; more exists when it stops short of before', async () => {
      const page = await log.history('lobby', { after: 2, before: 9, limit: 3 });
      expect(seqs(page.messages)).toEqual([3, 4, 5]);
      expect(page.hasMore).toBe(true);
      const exact = await log.history('lobby', { after: 2, before: 9, limit: 6 });
      expect(seqs(exact.messages)).toEqual([3, 4, 5, 6, 7, 8]);
      expect(exact.hasMore).toBe(false);
      // Older messages than `after` are not "more" in this direction.
      const upToHead = await log.history('lobby', { after: 5, before: 11, limit: 50 });
      expect(seqs(upToHead.messages)).toEqual([6, 7, 8, 9, 10]);
      expect(upToHead.hasMore).toBe(false);
    });

    it('both: a before past the head does not invent more messages', async () => {
      // Seqs 1..10 are all returned and the head is 10: nothing lies beyond this page.
      const page = await log.history('lobby', { after: 0, before: 100, limit: 50 });
      expect(seqs(page.messages)).toEqual(range(1, 10));
      expect(page.head).toBe(10);
      expect(page.hasMore).toBe(false);
    });

    it('an empty page never has more', async () => {
      expect(await log.history('lobby', { after: 10 })).toEqual({
        head: 10,
        messages: [],
        hasMore: false,
      });
      expect((await log.history('lobby', { before: 1 })).hasMore).toBe(false);
      expect((await log.history('lobby', { after: 4, before: 5 })).hasMore).toBe(false);
      expect(await log.history('nowhere', {})).toEqual({ head: 0, messages: [], hasMore: false });
    });

    it('caps an unspecified limit at the default page size', async () => {
      await fill('big', DEFAULT_PAGE_SIZE + 1);
      const newest = await log.history('big', {});
      expect(newest.messages).toHaveLength(DEFAULT_PAGE_SIZE);
      expect(newest.hasMore).toBe(true);
      const oldest = await log.history('big', { after: 0 });
      expect(seqs(oldest.messages)).toEqual(range(1, DEFAULT_PAGE_SIZE));
      expect(oldest.hasMore).toBe(true);
    });
  });
});
