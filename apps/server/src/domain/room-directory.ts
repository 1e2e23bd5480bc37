import type { RoomSummary } from '@roomlog/protocol';
import type { MessageStore } from '../storage/message-store.js';
import type { Presence } from './presence.js';

/** One page of the directory, and where the next starts. */
export interface RoomPage {
  rooms: RoomSummary[];
  total: number;
  next: number | null;
}

/**
 * The room directory: rooms that have messages or members, the busiest (most members, then most
 * messages) first. Message counts are read from the store once, at start, then kept up to date
 * from appends; the sorted list is rebuilt at most once per `refreshMs`, so `GET /api/rooms` never
 * scans the message table and costs the same however often it is called.
 */
export interface RoomDirectory {
  /** Counts a committed message (its seq is the room's new message count). */
  recordMessage(room: string, seq: number): void;
  page(offset: number, limit: number): RoomPage;
}

export async function createRoomDirectory(deps: {
  store: MessageStore;
  presence: Presence;
  refreshMs?: number;
  now?: () => number;
}): Promise<RoomDirectory> {
  const { presence } = deps;
  const refreshMs = deps.refreshMs ?? 1000;
  const now = deps.now ?? (() => Date.now());
  const messages = new Map<string, number>();
  for (const { room, messages: count } of await deps.store.rooms()) messages.set(room, count);

  let sorted: RoomSummary[] = [];
  let builtAt = -Infinity;

  function rebuild(): RoomSummary[] {
    const summaries = new Map<string, RoomSummary>();
    for (const [room, count] of messages)
      summaries.set(room, { room, messages: count, members: 0 });
    for (const [room, members] of presence.counts()) {
      summaries.set(room, { room, messages: messages.get(room) ?? 0, members });
    }
    return [...summaries.values()].sort(
      (a, b) => b.members - a.members || b.messages - a.messages || a.room.localeCompare(b.room),
    );
  }

  return {
    recordMessage(room, seq) {
      if (seq > (messages.get(room) ?? 0)) messages.set(room, seq);
    },
    page(offset, limit) {
      const t = now();
      if (t - builtAt >= refreshMs) {
        sorted = rebuild();
        builtAt = t;
      }
      const rooms = sorted.slice(offset, offset + limit);
      const end = offset + rooms.length;
      return { rooms, total: sorted.length, next: end < sorted.length ? end : null };
    },
  };
}
