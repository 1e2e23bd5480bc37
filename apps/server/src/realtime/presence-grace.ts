import type { Presence } from '../domain/presence.js';

/**
 * Keeps a person whose connection dropped (no real leave) in presence for a grace period, so a
 * quick reconnect is not announced as a leave. Works over any {@link Presence}: the dropped
 * connection simply stays registered until its timer removes it; a connection of the same name
 * that joins meanwhile keeps the person present, so the removal then announces nothing.
 */
export interface PresenceGrace {
  /** A connection dropped without leaving: remove it after the grace (at once when it is 0). */
  hold(connectionId: string, name: string, rooms: readonly string[]): void;
  /** Whether `name` is still away from `room` (dropped, not back yet). */
  isAway(room: string, name: string): boolean;
  /** `name` joined `room` again: true when they were away there (announce their return). */
  returned(room: string, name: string): boolean;
  /**
   * `name` really left `room` (`room:leave`): their dropped connections there go now, not after
   * the grace. True when that made the name leave the room.
   */
  leave(room: string, name: string): Promise<boolean>;
  /** Cancels every pending removal (the server is closing; presence goes with it). */
  close(): void;
}

export interface PresenceGraceOptions {
  graceMs: number;
  presence: Presence;
  /** The person's last connection left `room`: announce `member:left`, once. */
  onLeft: (room: string, name: string) => void;
  onError: (err: unknown) => void;
}

const key = (room: string, name: string): string => `${room}\u0000${name}`;

export function createPresenceGrace(options: PresenceGraceOptions): PresenceGrace {
  const { graceMs, presence, onLeft, onError } = options;
  const timers = new Map<string, NodeJS.Timeout>();
  // connection id → the name and rooms it held when it dropped (while in its grace).
  const held = new Map<string, { name: string; rooms: Set<string> }>();
  // room+name → how many of the person's dropped connections there are still in their grace.
  const away = new Map<string, number>();
  let closed = false;

  const forget = (room: string, name: string): void => {
    const k = key(room, name);
    const n = (away.get(k) ?? 0) - 1;
    if (n > 0) away.set(k, n);
    else away.delete(k);
  };

  function remove(connectionId: string, name: string, rooms: readonly string[]): void {
    timers.delete(connectionId);
    held.delete(connectionId);
    for (const room of rooms) forget(room, name);
    presence
      .removeConnection(connectionId)
      .then((left) => left.forEach((room) => onLeft(room, name)), onError);
  }

  return {
    hold(connectionId, name, rooms) {
      if (closed) return;
      if (graceMs <= 0) return remove(connectionId, name, []);
      for (const room of rooms) away.set(key(room, name), (away.get(key(room, name)) ?? 0) + 1);
      const timer = setTimeout(() => remove(connectionId, name, rooms), graceMs);
      timer.unref();
      timers.set(connectionId, timer);
      held.set(connectionId, { name, rooms: new Set(rooms) });
    },
    async leave(room, name) {
      let left = false;
      for (const [connectionId, connection] of held) {
        if (connection.name !== name || !connection.rooms.delete(room)) continue;
        forget(room, name);
        if (await presence.remove(room, connectionId)) left = true;
      }
      return left;
    },
    isAway: (room, name) => away.has(key(room, name)),
    returned(room, name) {
      const k = key(room, name);
      if (!away.has(k)) return false;
      away.delete(k);
      return true;
    },
    close() {
      closed = true;
      timers.forEach(clearTimeout);
      timers.clear();
      held.clear();
      away.clear();
    },
  };
}
