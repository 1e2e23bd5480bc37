import { describe, expect, it } from 'vitest';
import { memoryStorage } from '$lib/testing/memory-storage';
import {
  ROOMS_KEY,
  loadJoinedRooms,
  nextRoomAfterLeaving,
  saveJoinedRooms,
  updateJoinedRooms,
  withReadMarks,
  withReadSeq,
  withRoom,
  withoutRoom,
} from './joined-rooms';

describe('joined rooms storage', () => {
  it('round-trips the list under roomlog:rooms', () => {
    const storage = memoryStorage();
    expect(loadJoinedRooms(storage)).toEqual([]);
    const rooms = [
      { room: 'general', readSeq: 4 },
      { room: 'random', readSeq: null },
    ];
    saveJoinedRooms(storage, rooms);
    expect(JSON.parse(storage.getItem(ROOMS_KEY) ?? '')).toEqual(rooms);
    expect(loadJoinedRooms(storage)).toEqual(rooms);
  });

  it('ignores garbage, bad entries and duplicates', () => {
    const storage = memoryStorage();
    storage.setItem(ROOMS_KEY, '{not json');
    expect(loadJoinedRooms(storage)).toEqual([]);
    storage.setItem(ROOMS_KEY, '{"room":"x"}');
    expect(loadJoinedRooms(storage)).toEqual([]);
    storage.setItem(
      ROOMS_KEY,
      JSON.stringify([
        { room: 'a', readSeq: 1 },
        { room: '', readSeq: 1 },
        { room: 'b', readSeq: -1 },
        { room: 'c', readSeq: 1.5 },
        'd',
        null,
        { room: 'a', readSeq: 9 },
      ]),
    );
    expect(loadJoinedRooms(storage)).toEqual([{ room: 'a', readSeq: 1 }]);
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadJoinedRooms(broken)).toEqual([]);
    expect(() => saveJoinedRooms(broken, [{ room: 'a', readSeq: null }])).not.toThrow();
  });
});

describe('joined rooms list', () => {
  const list = [
    { room: 'a', readSeq: 1 },
    { room: 'b', readSeq: null },
    { room: 'c', readSeq: 3 },
  ];

  it('adds a room once, at the end', () => {
    expect(withRoom(list, 'd').map((r) => r.room)).toEqual(['a', 'b', 'c', 'd']);
    expect(withRoom(list, 'd').at(-1)).toEqual({ room: 'd', readSeq: null });
    expect(withRoom(list, 'b')).toEqual(list);
  });

  it('removes a room', () => {
    expect(withoutRoom(list, 'b').map((r) => r.room)).toEqual(['a', 'c']);
    expect(withoutRoom(list, 'zz')).toEqual(list);
  });

  it('moves the read position forward only', () => {
    expect(withReadSeq(list, 'a', 5)[0]).toEqual({ room: 'a', readSeq: 5 });
    expect(withReadSeq(list, 'c', 2)[2]).toEqual({ room: 'c', readSeq: 3 });
    expect(withReadSeq(list, 'b', 0)[1]).toEqual({ room: 'b', readSeq: 0 });
  });

  it('picks the next room to show after leaving one', () => {
    expect(nextRoomAfterLeaving(list, 'a')).toBe('b');
    expect(nextRoomAfterLeaving(list, 'c')).toBe('b');
    expect(nextRoomAfterLeaving([{ room: 'a', readSeq: 1 }], 'a')).toBeNull();
    expect(nextRoomAfterLeaving(list, 'zz')).toBe('a');
  });
});

describe('joined rooms shared by several tabs', () => {
  const rooms = (storage: Pick<Storage, 'getItem' | 'setItem'>) =>
    loadJoinedRooms(storage).map((r) => r.room);

  it("a tab's change goes into the list as stored now, keeping what other tabs did", () => {
    const storage = memoryStorage();
    updateJoinedRooms(storage, (stored) => withRoom(stored, 'a'));
    // Tab 1 read ['a'] long ago; tab 2 joins 'b' since.
    const tab1 = loadJoinedRooms(storage);
    updateJoinedRooms(storage, (stored) => withRoom(stored, 'b'));
    updateJoinedRooms(storage, (stored) => withRoom(stored, 'c'));
    expect(rooms(storage)).toEqual(['a', 'b', 'c']);
    // Tab 1 reads in 'a': its read mark is saved, the others' rooms stay.
    const read = withReadSeq(tab1, 'a', 7);
    updateJoinedRooms(storage, (stored) => withReadMarks(stored, read));
    expect(loadJoinedRooms(storage)).toEqual([
      { room: 'a', readSeq: 7 },
      { room: 'b', readSeq: null },
      { room: 'c', readSeq: null },
    ]);
  });

  it('a room left in one tab is not brought back by another reading in it', () => {
    const storage = memoryStorage();
    saveJoinedRooms(storage, [
      { room: 'a', readSeq: 1 },
      { room: 'b', readSeq: 1 },
    ]);
    const tab1 = loadJoinedRooms(storage);
    updateJoinedRooms(storage, (stored) => withoutRoom(stored, 'a'));
    updateJoinedRooms(storage, (stored) => withReadMarks(stored, withReadSeq(tab1, 'a', 5)));
    expect(loadJoinedRooms(storage)).toEqual([{ room: 'b', readSeq: 1 }]);
  });

  it('read marks only move forward, whichever tab read further', () => {
    const stored = [{ room: 'a', readSeq: 9 }];
    expect(withReadMarks(stored, [{ room: 'a', readSeq: 4 }])).toEqual(stored);
    expect(withReadMarks(stored, [{ room: 'a', readSeq: 12 }])).toEqual([
      { room: 'a', readSeq: 12 },
    ]);
    expect(withReadMarks(stored, [{ room: 'a', readSeq: null }])).toEqual(stored);
  });
});
