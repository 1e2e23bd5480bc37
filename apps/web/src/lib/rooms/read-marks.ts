import type { JoinedRoom } from './joined-rooms';
import { countUnread, readPosition, type Unread, type UnreadInput } from './unread';

/** The part of a room snapshot the read marks need. */
export interface ReadInput extends UnreadInput {
  status: 'joining' | 'catching-up' | 'live' | 'error';
}

/**
 * Moves the read marks after a change: the room on screen is read up to its newest message; a
 * room seen for the first time (joined in the background, or a list from before read marks)
 * starts read at its head, so only what arrives later counts as unread. Only rooms that are
 * live move (a room still catching up does not know its head yet). Returns `rooms` itself when
 * nothing moved, so callers can skip saving.
 */
export function markRead(
  rooms: readonly JoinedRoom[],
  views: Readonly<Record<string, ReadInput | undefined>>,
  active: string | null,
): readonly JoinedRoom[] {
  let changed = false;
  const next = rooms.map((entry) => {
    const view = views[entry.room];
    if (!view || view.status !== 'live') return entry;
    if (entry.room !== active && entry.readSeq !== null) return entry;
    const seq = readPosition(view);
    if (entry.readSeq !== null && seq <= entry.readSeq) return entry;
    changed = true;
    return { room: entry.room, readSeq: seq };
  });
  return changed ? next : rooms;
}

/** Unread messages of every joined room but the one on screen. */
export function unreadByRoom(
  rooms: readonly JoinedRoom[],
  views: Readonly<Record<string, UnreadInput | undefined>>,
  active: string | null,
  me: string,
): Record<string, Unread> {
  const result: Record<string, Unread> = {};
  for (const { room, readSeq } of rooms) {
    const view = views[room];
    result[room] =
      room === active || !view ? { count: 0, mention: false } : countUnread(view, readSeq, me);
  }
  return result;
}

export function unreadTotal(unread: Readonly<Record<string, Unread>>): number {
  return Object.values(unread).reduce((sum, u) => sum + u.count, 0);
}
