import { describe, expect, it } from 'vitest';
import type { Message } from '@roomlog/protocol';
import { RoomState } from './room-state.js';

const msg = (seq: number, text = `m${seq}`): Message => ({
  id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
  room: 'lobby',
  seq,
  author: 'Ada',
  text,
  at: '2024-05-01T12:00:00.000Z',
});
const msgs = (from: number, to: number): Message[] =>
  Array.from({ length: to - from + 1 }, (_, i) => msg(from + i));
const seqs = (messages: readonly Message[]): number[] => messages.map((m) => m.seq);

/** A state reset from the page `[from..to]` with the given head. */
const stateFrom = (from: number, to: number, head = to): RoomState => {
  const state = new RoomState();
  state.reset(msgs(from, to), head);
  return state;
};

describe('RoomState', () => {
  describe('before the first reset', () => {
    it('is empty, uninitialised and not behind', () => {
      const state = new RoomState();
      expect(state.initialized).toBe(false);
      expect(state.messages).toEqual([]);
      expect(state.head).toBe(0);
      expect(state.contiguous).toBe(0);
      expect(state.firstSeq).toBe(1);
      expect(state.hasOlder).toBe(false);
      expect(state.behind).toBe(false);
    });
  });

  describe('reset', () => {
    it('starts from a join page', () => {
      const state = stateFrom(51, 100);
      expect(state.initialized).toBe(true);
      expect(seqs(state.messages)).toEqual(seqs(msgs(51, 100)));
      expect(state.head).toBe(100);
      expect(state.contiguous).toBe(100);
      expect(state.firstSeq).toBe(51);
      expect(state.hasOlder).toBe(true);
      expect(state.behind).toBe(false);
    });

    it('of a page starting at seq 1 has nothing older', () => {
      const state = stateFrom(1, 3);
      expect(state.firstSeq).toBe(1);
      expect(state.hasOlder).toBe(false);
    });

    it('of an empty room (head 0) waits for seq 1', () => {
      const state = new RoomState();
      state.reset([], 0);
      expect(state.initialized).toBe(true);
      expect(state.contiguous).toBe(0);
      expect(state.firstSeq).toBe(1);
      expect(state.hasOlder).toBe(false);
      expect(state.behind).toBe(false);
      expect(seqs(state.add([msg(1)]))).toEqual([1]);
      expect(seqs(state.messages)).toEqual([1]);
    });

    it('with an empty page but head > 0 is behind from 0: those messages came after the page was read', () => {
      const state = new RoomState();
      state.reset([], 2);
      expect(state.messages).toEqual([]);
      expect(state.contiguous).toBe(0);
      expect(state.hasOlder).toBe(false);
      expect(state.behind).toBe(true);
      expect(seqs(state.add([msg(2), msg(1)]))).toEqual([1, 2]);
    });

    it('with an empty page and emptyFrom = head starts just after the head (a shorter log)', () => {
      const state = new RoomState();
      state.reset([], 7, 7);
      expect(state.messages).toEqual([]);
      expect(state.contiguous).toBe(7);
      expect(state.firstSeq).toBe(8);
      expect(state.hasOlder).toBe(true);
      expect(state.behind).toBe(false);
      // Older messages are not news; the next one is.
      expect(state.add([msg(7)])).toEqual([]);
      expect(seqs(state.add([msg(8)]))).toEqual([8]);
      expect(state.firstSeq).toBe(8);
    });

    it('with a page that stops short of the head is behind', () => {
      const state = stateFrom(1, 200, 250);
      expect(state.contiguous).toBe(200);
      expect(state.head).toBe(250);
      expect(state.behind).toBe(true);
    });

    it('forgets what was held before, including messages held ahead of a gap', () => {
      const state = stateFrom(1, 3);
      state.add([msg(5)]);
      state.reset(msgs(10, 12), 12);
      expect(seqs(state.messages)).toEqual([10, 11, 12]);
      expect(state.head).toBe(12);
      // 13 joins directly; nothing stale is released with it.
      expect(seqs(state.add([msg(13)]))).toEqual([13]);
    });
  });

  describe('add', () => {
    it('appends messages in order and returns the new ones', () => {
      const state = stateFrom(1, 2);
      expect(seqs(state.add([msg(3), msg(4)]))).toEqual([3, 4]);
      expect(seqs(state.messages)).toEqual([1, 2, 3, 4]);
      expect(state.head).toBe(4);
    });

    it('drops duplicates, in the held run and within one batch', () => {
      const state = stateFrom(1, 3);
      expect(state.add([msg(2), msg(3)])).toEqual([]);
      expect(seqs(state.add([msg(4), msg(4), msg(5)]))).toEqual([4, 5]);
      expect(seqs(state.messages)).toEqual([1, 2, 3, 4, 5]);
    });

    it('keeps the first copy of a seq already held', () => {
      const state = stateFrom(1, 1);
      state.add([msg(1, 'other')]);
      expect(state.messages[0]?.text).toBe('m1');
    });

    it('holds messages ahead of a gap until the gap is filled, then releases them in order', () => {
      const state = stateFrom(1, 2);
      expect(state.add([msg(5)])).toEqual([]);
      expect(state.add([msg(4)])).toEqual([]);
      expect(seqs(state.messages)).toEqual([1, 2]);
      expect(state.contiguous).toBe(2);
      expect(state.head).toBe(5);
      expect(state.behind).toBe(true);

      expect(seqs(state.add([msg(3)]))).toEqual([3, 4, 5]);
      expect(seqs(state.messages)).toEqual([1, 2, 3, 4, 5]);
      expect(state.contiguous).toBe(5);
      expect(state.behind).toBe(false);
    });

    it('releases only up to the next gap', () => {
      const state = stateFrom(1, 1);
      state.add([msg(7), msg(3), msg(4)]);
      expect(seqs(state.add([msg(2)]))).toEqual([2, 3, 4]);
      expect(state.contiguous).toBe(4);
      expect(state.behind).toBe(true);
      expect(seqs(state.add([msg(6), msg(5)]))).toEqual([5, 6, 7]);
      expect(state.behind).toBe(false);
    });

    it('accepts a batch in any order', () => {
      const state = stateFrom(1, 1);
      expect(seqs(state.add([msg(4), msg(2), msg(3)]))).toEqual([2, 3, 4]);
    });

    it('replaces the messages array instead of mutating it', () => {
      const state = stateFrom(1, 2);
      const before = state.messages;
      state.add([msg(3)]);
      expect(state.messages).not.toBe(before);
      expect(seqs(before)).toEqual([1, 2]);
      const unchanged = state.messages;
      state.add([msg(2)]);
      expect(state.messages).toBe(unchanged);
    });
  });

  describe('observeHead', () => {
    it('only moves the head forward', () => {
      const state = stateFrom(1, 5);
      state.observeHead(3);
      expect(state.head).toBe(5);
      expect(state.behind).toBe(false);
      state.observeHead(9);
      expect(state.head).toBe(9);
      expect(state.behind).toBe(true);
    });
  });

  describe('prepend', () => {
    it('puts an older page that joins up in front of the run', () => {
      const state = stateFrom(51, 60);
      state.prepend(msgs(41, 50));
      expect(seqs(state.messages)).toEqual(seqs(msgs(41, 60)));
      expect(state.firstSeq).toBe(41);
      expect(state.hasOlder).toBe(true);
      state.prepend(msgs(1, 40));
      expect(state.firstSeq).toBe(1);
      expect(state.hasOlder).toBe(false);
      expect(state.contiguous).toBe(60);
    });

    it('ignores the part of a page that overlaps what is held', () => {
      const state = stateFrom(6, 10);
      state.prepend(msgs(3, 8));
      expect(seqs(state.messages)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('ignores a page that does not reach the run', () => {
      const state = stateFrom(51, 60);
      const before = state.messages;
      state.prepend(msgs(1, 49));
      expect(state.messages).toBe(before);
      expect(state.firstSeq).toBe(51);
    });

    it('keeps only the newest part that joins up when the page has a gap', () => {
      const state = stateFrom(10, 12);
      state.prepend([msg(5), msg(6), msg(8), msg(9)]);
      expect(seqs(state.messages)).toEqual([8, 9, 10, 11, 12]);
      expect(state.firstSeq).toBe(8);
    });

    it('fills an empty run that started past the head', () => {
      const state = new RoomState();
      state.reset([], 7, 7);
      state.prepend(msgs(5, 7));
      expect(seqs(state.messages)).toEqual([5, 6, 7]);
      expect(state.firstSeq).toBe(5);
      expect(state.contiguous).toBe(7);
      expect(seqs(state.add([msg(8)]))).toEqual([8]);
    });

    it('does nothing with an empty page, or in an empty room', () => {
      const state = stateFrom(3, 4);
      state.prepend([]);
      expect(seqs(state.messages)).toEqual([3, 4]);
      const empty = new RoomState();
      empty.reset([], 0);
      empty.prepend([]);
      expect(empty.messages).toEqual([]);
      expect(empty.firstSeq).toBe(1);
    });

    it('does not disturb messages held ahead of a gap', () => {
      const state = stateFrom(5, 6);
      state.add([msg(8)]);
      state.prepend(msgs(1, 4));
      expect(seqs(state.messages)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(seqs(state.add([msg(7)]))).toEqual([7, 8]);
    });
  });
});
