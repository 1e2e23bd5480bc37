import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../storage/memory-store.js';
import type { MessageStore } from '../storage/message-store.js';
import { createMemoryPresence, type Presence } from './presence.js';
import { listRooms } from './room-directory.js';

describe('listRooms', () => {
  let store: MessageStore;
  let presence: Presence;

  beforeEach(() => {
    store = createMemoryStore();
    presence = createMemoryPresence();
  });

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
    expect(await listRooms(store, presence)).toEqual([]);
  });

  it('lists a room that only has messages', async () => {
    await post('archive', 3);
    expect(await listRooms(store, presence)).toEqual([
      { room: 'archive', messages: 3, members: 0 },
    ]);
  });

  it('lists a room that only has members, counting people not connections', async () => {
    await presence.add('quiet', 'c1', 'Ada');
    await presence.add('quiet', 'c2', 'Ada');
    await presence.add('quiet', 'c3', 'Linus');
    expect(await listRooms(store, presence)).toEqual([{ room: 'quiet', messages: 0, members: 2 }]);
  });

  it('merges messages and members of the same room into one entry', async () => {
    await post('lobby', 2);
    await presence.add('lobby', 'c1', 'Ada');
    expect(await listRooms(store, presence)).toEqual([{ room: 'lobby', messages: 2, members: 1 }]);
  });

  it('drops a room once its last member leaves and it has no messages', async () => {
    await presence.add('passing', 'c1', 'Ada');
    await presence.remove('passing', 'c1');
    expect(await listRooms(store, presence)).toEqual([]);
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

    expect(await listRooms(store, presence)).toEqual([
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
    expect((await listRooms(store, presence)).map((r) => r.room)).toEqual(['many', 'few']);
  });
});
