import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../storage/memory-store.js';
import type { MessageStore } from '../storage/message-store.js';
import { createMemoryPresence, type Presence } from './presence.js';
import { createRoomDirectory } from './room-directory.js';

describe('room directory', () => {
  let store: MessageStore;
  let presence: Presence;

  beforeEach(() => {
    store = createMemoryStore();
    presence = createMemoryPresence();
  });

  // A directory loaded now, never cached: the same view the old full scan gave.
  const listRooms = async () =>
    (await (await createRoomDirectory({ store, presence, refreshMs: 0 })).page(0, 100)).rooms;

  const post = async (room: string, n: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      await store.append({
        room,
        id: randomUUID(),
        author: 'Ada',
        text: 'hi',
        at: '2024-05-01T12:00:00.000Z',
      });
    }
  };

  it('is empty when no room has messages or members', async () => {
    expect(await listRooms()).toEqual([]);
  });

  it('lists a room that only has messages', async () => {
    await post('archive', 3);
    expect(await listRooms()).toEqual([{ room: 'archive', messages: 3, members: 0 }]);
  });

  it('lists a room that only has members, counting people not connections', async () => {
    await presence.add('quiet', 'c1', 'Ada');
    await presence.add('quiet', 'c2', 'Ada');
    await presence.add('quiet', 'c3', 'Linus');
    expect(await listRooms()).toEqual([{ room: 'quiet', messages: 0, members: 2 }]);
  });

  it('merges messages and members of the same room into one entry', async () => {
    await post('lobby', 2);
    await presence.add('lobby', 'c1', 'Ada');
    expect(await listRooms()).toEqual([{ room: 'lobby', messages: 2, members: 1 }]);
  });

  it('drops a room once its last member leaves and it has no messages', async () => {
    await presence.add('passing', 'c1', 'Ada');
    await presence.remove('passing', 'c1');
    expect(await listRooms()).toEqual([]);
  });

  it('orders by members, then messages, then name', async () => {
    await post('b-quiet', 1);
    await post('a-quiet', 1);
    await post('chatty', 5);
    await post('busy', 1);
    await presence.add('busy', 'c1', 'Ada');
    await presence.add('busy', 'c2', 'Linus');
    await presence.add('crowd', 'c3', 'Grace');
    await presence.add('crowd', 'c4', 'Alan');
    await presence.add('crowd', 'c5', 'Edsger');
    await presence.add('solo', 'c6', 'Barbara');
    await presence.add('tie-z', 'c7', 'Ken');
    await presence.add('tie-a', 'c8', 'Dennis');

    expect(await listRooms()).toEqual([
      { room: 'crowd', messages: 0, members: 3 },
      { room: 'busy', messages: 1, members: 2 },
      { room: 'solo', messages: 0, members: 1 },
      { room: 'tie-a', messages: 0, members: 1 },
      { room: 'tie-z', messages: 0, members: 1 },
      { room: 'chatty', messages: 5, members: 0 },
      { room: 'a-quiet', messages: 1, members: 0 },
      { room: 'b-quiet', messages: 1, members: 0 },
    ]);
  });

  it('ranks more messages first among rooms with equal members', async () => {
    await post('few', 1);
    await post('many', 4);
    await presence.add('few', 'c1', 'Ada');
    await presence.add('many', 'c2', 'Linus');
    expect((await listRooms()).map((r) => r.room)).toEqual(['many', 'few']);
  });

  it('reads the store once, then counts appends it is told of', async () => {
    await post('old', 2);
    let scans = 0;
    const counted: MessageStore = { ...store, rooms: () => (scans++, store.rooms()) };
    const directory = await createRoomDirectory({ store: counted, presence, refreshMs: 0 });
    directory.recordMessage('old', 3);
    directory.recordMessage('new', 1);
    for (let i = 0; i < 10; i++) await directory.page(0, 10);
    expect(scans).toBe(1);
    expect((await directory.page(0, 10)).rooms).toEqual([
      { room: 'old', messages: 3, members: 0 },
      { room: 'new', messages: 1, members: 0 },
    ]);
  });

  it('rebuilds its order at most once per refresh period', async () => {
    let t = 0;
    const directory = await createRoomDirectory({ store, presence, refreshMs: 1000, now: () => t });
    directory.recordMessage('a', 1);
    expect((await directory.page(0, 10)).total).toBe(1);
    directory.recordMessage('b', 1);
    t = 999;
    expect((await directory.page(0, 10)).total).toBe(1);
    t = 1000;
    expect((await directory.page(0, 10)).total).toBe(2);
  });

  it('re-reads the store now and then, since other nodes append too', async () => {
    let t = 0;
    const directory = await createRoomDirectory({
      store,
      presence,
      refreshMs: 0,
      storeRefreshMs: 5000,
      now: () => t,
    });
    await post('elsewhere', 2); // committed by another node: never recorded here
    expect((await directory.page(0, 10)).total).toBe(0);
    t = 5000;
    expect((await directory.page(0, 10)).rooms).toEqual([
      { room: 'elsewhere', messages: 2, members: 0 },
    ]);
  });

  it('pages with offset and limit, and says where the next page starts', async () => {
    const directory = await createRoomDirectory({ store, presence, refreshMs: 0 });
    for (let i = 0; i < 5; i++) directory.recordMessage(`room-${i}`, 10 - i);
    expect(await directory.page(0, 2)).toEqual({
      rooms: [
        { room: 'room-0', messages: 10, members: 0 },
        { room: 'room-1', messages: 9, members: 0 },
      ],
      total: 5,
      next: 2,
    });
    expect(await directory.page(4, 2)).toMatchObject({ total: 5, next: null });
    expect((await directory.page(4, 2)).rooms.map((r) => r.room)).toEqual(['room-4']);
    expect(await directory.page(9, 2)).toEqual({ rooms: [], total: 5, next: null });
  });
});
