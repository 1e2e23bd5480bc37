import { describe, expect, it } from 'vitest';
import { memoryStorage } from '$lib/testing/memory-storage';
import { ROOMS_KEY, loadJoinedRooms } from '$lib/rooms/joined-rooms';
import { Roomlog } from './roomlog.svelte';

// No connection is made: entering and leaving rooms only touches the lists.
describe('Roomlog: the joined rooms of several tabs in one browser', () => {
  const stored = (storage: Pick<Storage, 'getItem' | 'setItem'>) =>
    loadJoinedRooms(storage).map((r) => r.room);

  it('a room joined in one tab is there for a new tab, whatever the older tab saves later', () => {
    const storage = memoryStorage();
    const first = new Roomlog({ storage });
    first.enter('a');
    const second = new Roomlog({ storage });
    second.enter('b');
    first.enter('c');
    expect(stored(storage)).toEqual(['a', 'b', 'c']);
    expect(new Roomlog({ storage }).rooms.map((r) => r.room)).toEqual(['a', 'b', 'c']);
    // An open tab changes its sidebar only when told of the change (followStoredRooms).
    expect(first.rooms.map((r) => r.room)).toEqual(['a', 'c']);
  });

  it('a room left in one tab stays left for new tabs, and another tab entering it again brings it back', () => {
    const storage = memoryStorage();
    const first = new Roomlog({ storage });
    first.enter('a');
    first.enter('b');
    const second = new Roomlog({ storage });
    second.enter('b');
    second.leave('a');
    first.enter('b');
    expect(stored(storage)).toEqual(['b']);
    first.enter('a');
    expect(stored(storage)).toEqual(['b', 'a']);
  });

  it("an open tab follows another's joins, leaves (not of the room on screen) and read marks", () => {
    const storage = memoryStorage();
    const first = new Roomlog({ storage });
    first.enter('a');
    first.enter('b');
    const second = new Roomlog({ storage });
    second.enter('c');
    second.leave('a');
    second.leave('b');
    first.followStoredRooms();
    // 'b' is on screen in the first tab: it stays there (and only there).
    expect(first.rooms).toEqual([
      { room: 'b', readSeq: null },
      { room: 'c', readSeq: null },
    ]);
    expect(stored(storage)).toEqual(['c']);
    storage.setItem(ROOMS_KEY, JSON.stringify([{ room: 'c', readSeq: 5 }]));
    first.followStoredRooms();
    expect(first.rooms.find((r) => r.room === 'c')?.readSeq).toBe(5);
    // Moving on from 'b', the first tab leaves it too; a room re-entered stays.
    first.enter('c');
    expect(first.rooms.map((r) => r.room)).toEqual(['c']);
    second.leave('c');
    first.followStoredRooms();
    first.enter('c');
    expect(first.rooms.map((r) => r.room)).toEqual(['c']);
    expect(stored(storage)).toEqual(['c']);
  });
});
