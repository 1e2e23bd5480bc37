import { describe, expect, it } from 'vitest';
import { markRead, unreadByRoom, unreadTotal, type ReadInput } from './read-marks';

const msg = (seq: number, author: string, text = `m${seq}`) => ({ seq, author, text });
const live = (messages: ReturnType<typeof msg>[]): ReadInput => ({
  status: 'live',
  messages,
  head: messages.at(-1)?.seq ?? 0,
});

describe('markRead', () => {
  it('marks the room on screen read up to its newest message', () => {
    const rooms = [{ room: 'a', readSeq: 1 }];
    expect(markRead(rooms, { a: live([msg(1, 'x'), msg(2, 'y')]) }, 'a')).toEqual([
      { room: 'a', readSeq: 2 },
    ]);
  });

  it('gives a background room seen for the first time its head as the read mark', () => {
    const rooms = [
      { room: 'a', readSeq: null },
      { room: 'b', readSeq: 1 },
    ];
    const views = { a: live([msg(1, 'x'), msg(2, 'y')]), b: live([msg(1, 'x'), msg(2, 'y')]) };
    expect(markRead(rooms, views, 'zz')).toEqual([
      { room: 'a', readSeq: 2 },
      { room: 'b', readSeq: 1 },
    ]);
  });

  it('waits for a room to be live, and returns the same list when nothing moved', () => {
    const rooms = [{ room: 'a', readSeq: null }];
    const joining: ReadInput = { status: 'catching-up', messages: [msg(1, 'x')], head: 9 };
    expect(markRead(rooms, { a: joining }, 'a')).toBe(rooms);
    expect(markRead(rooms, {}, 'a')).toBe(rooms);
    const read = [{ room: 'a', readSeq: 2 }];
    expect(markRead(read, { a: live([msg(1, 'x'), msg(2, 'y')]) }, 'a')).toBe(read);
  });
});

describe('unreadByRoom', () => {
  it('counts every room but the one on screen, and sums them', () => {
    const rooms = [
      { room: 'a', readSeq: 0 },
      { room: 'b', readSeq: 1 },
      { room: 'c', readSeq: 0 },
    ];
    const views = {
      a: live([msg(1, 'bob')]),
      b: live([msg(1, 'bob'), msg(2, 'bob', 'hi ada'), msg(3, 'ada')]),
    };
    const unread = unreadByRoom(rooms, views, 'a', 'ada');
    expect(unread).toEqual({
      a: { count: 0, mention: false },
      b: { count: 1, mention: true },
      c: { count: 0, mention: false },
    });
    expect(unreadTotal(unread)).toBe(1);
  });
});
