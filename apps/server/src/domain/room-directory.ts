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
 * messages) first. Message counts are read from the store at start, kept up to date from this
 * node's appends, and re-read from the store every `storeRefreshMs` (other nodes append too); the
 * sorted list is rebuilt at most once per `refreshMs`, so `GET /api/rooms` costs the same however
 * often it is called.
 */
export interface RoomDirectory {
  /** Counts a committed message (its seq is the room's new message count). */
  recordMessage(room: string, seq: number): void;
  page(offset: number, limit: number): Promise<RoomPage>;
}

export async function createRoomDirectory(deps: {
  store: MessageStore;
  presence: Presence;
  refreshMs?: number;
  storeRefreshMs?: number;
  now?: () => number;
}): Promise<RoomDirectory> {
  const { presence, store } = deps;
  const refreshMs = deps.refreshMs ?? 1000;
  const storeRefreshMs = deps.storeRefreshMs ?? 10_000;
  const now = deps.now ?? (() => Date.now());
  const messages = new Map<string, number>();
  const readStore = async () => {
    for (const { room, messages: count } of await store.rooms()) recordMessage(room, count);
  };
  function recordMessage(room: string, seq: number): void {
    if (seq > (messages.get(room) ?? 0)) messages.set(room, seq);
  }
  await readStore();

  let sorted: RoomSummary[] = [];
  let builtAt = -Infinity;
  let storeReadAt = now();
  let building: Promise<void> | null = null;

  async function rebuild(): Promise<void> {
    if (now() - storeReadAt >= storeRefreshMs) {
      storeReadAt = now();
      await readStore();
    }
    const counts = await presence.counts();
    const summaries = new Map<string, RoomSummary>();
    for (const [room, count] of messages)
      summaries.set(room, { room, messages: count, members: 0 });
    for (const [room, members] of counts) {
      summaries.set(room, { room, messages: messages.get(room) ?? 0, members });
    }
    sorted = [...summaries.values()].sort(
      (a, b) => b.members - a.members || b.messages - a.messages || a.room.localeCompare(b.room),
    );
  }

  return {
    recordMessage,
    async page(offset, limit) {
      const t = now();
      if (t - builtAt >= refreshMs) {
        builtAt = t;
        // One rebuild at a time; concurrent callers share it.
        building ??= rebuild().finally(() => (building = null));
      }
      if (building) await building;
      const rooms = sorted.slice(offset, offset + limit);
      const end = offset + rooms.length;
      return { rooms, total: sorted.length, next: end < sorted.length ? end : null };
    },
  };
}
