import type { RoomSummary } from '@roomlog/protocol';
import type { MessageStore } from '../storage/message-store.js';
import type { Presence } from './presence.js';

/** Rooms that have messages or members: the busiest (most members, then most messages) first. */
export async function listRooms(store: MessageStore, presence: Presence): Promise<RoomSummary[]> {
  const summaries = new Map<string, RoomSummary>();
  for (const { room, messages } of await store.rooms()) {
    summaries.set(room, { room, messages, members: 0 });
  }
  for (const [room, members] of await presence.counts()) {
    const summary = summaries.get(room) ?? { room, messages: 0, members: 0 };
    summaries.set(room, { ...summary, members });
  }
  return [...summaries.values()].sort(
    (a, b) => b.members - a.members || b.messages - a.messages || a.room.localeCompare(b.room),
  );
}
