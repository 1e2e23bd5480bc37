/**
 * The rooms this browser has joined, remembered across reloads (one list per browser, shared by
 * every name and tab): the sidebar shows them, and a tab re-joins them when it connects.
 * Each room keeps the newest seq read in it, so unread counts survive a reload too.
 *
 * Several tabs write the list: each writes its own changes (a join, a leave, a read mark) into
 * the list as stored at that moment (`updateJoinedRooms`), never its whole copy, which would
 * undo what other tabs did since it read it. So a room joined in one tab is there for the next
 * tab opened, and a room left in one tab is not brought back by another tab reading in it.
 * Open tabs also follow each other's changes (Roomlog.followStoredRooms, on `storage` events).
 */
export const ROOMS_KEY = 'roomlog:rooms';

export interface JoinedRoom {
  room: string;
  /** The newest seq read in this room; null until the room was first shown or caught up. */
  readSeq: number | null;
}

type RoomsStorage = Pick<Storage, 'getItem' | 'setItem'>;

function isJoinedRoom(value: unknown): value is JoinedRoom {
  if (typeof value !== 'object' || value === null) return false;
  const { room, readSeq } = value as Record<string, unknown>;
  return (
    typeof room === 'string' &&
    room !== '' &&
    (readSeq === null || (typeof readSeq === 'number' && Number.isInteger(readSeq) && readSeq >= 0))
  );
}

// Storage may throw (privacy modes) or hold anything: the sidebar then starts empty.
export function loadJoinedRooms(storage: RoomsStorage): JoinedRoom[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(ROOMS_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    const seen = new Set<string>();
    return parsed.filter(isJoinedRoom).filter(({ room }) => !seen.has(room) && seen.add(room));
  } catch {
    return [];
  }
}

export function saveJoinedRooms(storage: RoomsStorage, rooms: readonly JoinedRoom[]): void {
  try {
    storage.setItem(ROOMS_KEY, JSON.stringify(rooms));
  } catch {
    // Not remembered: the tab still works, the list is lost on reload.
  }
}

/**
 * Applies `change` to the list as stored now (other tabs may have changed it since this one
 * read it) and saves the result.
 */
export function updateJoinedRooms(
  storage: RoomsStorage,
  change: (stored: readonly JoinedRoom[]) => readonly JoinedRoom[],
): void {
  saveJoinedRooms(storage, change(loadJoinedRooms(storage)));
}

/**
 * `stored` with the read marks of `mine` where they are newer. Rooms missing from `stored` are
 * not added: another tab left them.
 */
export function withReadMarks(
  stored: readonly JoinedRoom[],
  mine: readonly JoinedRoom[],
): JoinedRoom[] {
  return mine.reduce<JoinedRoom[]>(
    (rooms, { room, readSeq }) => (readSeq === null ? rooms : withReadSeq(rooms, room, readSeq)),
    [...stored],
  );
}

/** Adds `room` at the end (a room already there keeps its place). */
export function withRoom(rooms: readonly JoinedRoom[], room: string): JoinedRoom[] {
  return rooms.some((r) => r.room === room) ? [...rooms] : [...rooms, { room, readSeq: null }];
}

export function withoutRoom(rooms: readonly JoinedRoom[], room: string): JoinedRoom[] {
  return rooms.filter((r) => r.room !== room);
}

/** Marks `room` read up to `seq` (never backwards). */
export function withReadSeq(rooms: readonly JoinedRoom[], room: string, seq: number): JoinedRoom[] {
  return rooms.map((r) =>
    r.room === room && (r.readSeq === null || seq > r.readSeq) ? { room, readSeq: seq } : r,
  );
}

/** The room to show after leaving `room`: its neighbour in the list, or null for the lobby. */
export function nextRoomAfterLeaving(rooms: readonly JoinedRoom[], room: string): string | null {
  const index = rooms.findIndex((r) => r.room === room);
  if (index === -1) return rooms[0]?.room ?? null;
  return rooms[index + 1]?.room ?? rooms[index - 1]?.room ?? null;
}
