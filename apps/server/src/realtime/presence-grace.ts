import type { Presence } from '../domain/presence.js';
import { PerRoom } from './per-room.js';

/**
 * Keeps a person whose connection dropped (no real leave) in presence for a grace period, so a
 * quick reconnect is not announced as a leave. Works over any {@link Presence}: the dropped
 * connection simply stays registered until its timer removes it; a connection of the same name
 * that joins meanwhile keeps the person present, so the removal then announces nothing.
 */
export interface PresenceGrace {
  /** A connection dropped without leaving: remove it after the grace (at once when it is 0). */
  hold(connectionId: string, name: string, rooms: readonly string[]): void;
  /** Whether `name` is still away from `room` (dropped, not back yet), here or on another node. */
  isAway(room: string, name: string): boolean;
  /** Who is away from `room`, here or on another node (each name once, in no set order). */
  awayIn(room: string): string[];
  /** `member:away` was announced for `name` in `room`: the other nodes learn it too. */
  announcedAway(room: string, name: string): void;
  /**
   * `name` joined `room` again: true when they were away there, here or on another node (announce
   * their return; the other nodes stop showing them away).
   */
  returned(room: string, name: string): boolean;
  /**
   * `name` really left `room` (`room:leave`): their dropped connections there go now, not after
   * the grace, on every node. True when that made the name leave the room.
   */
  leave(room: string, name: string): Promise<boolean>;
  /** What another node said through {@link PresenceGraceOptions.peers}. */
  fromPeer: {
    away: (room: string, name: string) => void;
    back: (room: string, name: string) => void;
    /** Resolves true when ending this node's grace there made the name leave (announce it). */
    leave: (room: string, name: string) => Promise<boolean>;
  };
  /** Work on a drop (announcing the person away) that closing the server first waits for. */
  track(work: Promise<unknown>): void;
  /**
   * Waits (briefly) for tracked work, so a drained node's people are announced away before its
   * adapter closes, then cancels every pending removal (presence outlives them by the grace).
   */
  close(): Promise<void>;
}

export interface PresenceGraceOptions {
  graceMs: number;
  presence: Presence;
  /** The person's last connection left `room`: announce `member:left`, once. */
  onLeft: (room: string, name: string) => void;
  onError: (err: unknown) => void;
  /**
   * Tells the other nodes (several nodes share presence): a person dropped on one node may come
   * back, or leave, on another. Absent on a single node.
   */
  /** Timers (default: Node's, unref'd); the simulation passes its virtual clock's. */
  timers?: GraceTimers;
  peers?: {
    away(room: string, name: string): void;
    back(room: string, name: string): void;
    leave(room: string, name: string): void;
  };
}

/** The timers the grace runs on. */
export interface GraceTimers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

// Pending removals never keep the process alive.
export const nodeTimers: GraceTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

// Closing waits at most this long for drop announcements (they ask every node for its sockets).
const CLOSE_WAIT_MS = 2000;

export function createPresenceGrace(options: PresenceGraceOptions): PresenceGrace {
  const { graceMs, presence, onLeft, onError, peers } = options;
  const clock = options.timers ?? nodeTimers;
  const timers = new Map<string, unknown>();
  // connection id → the name and rooms it held when it dropped (while in its grace).
  const held = new Map<string, { name: string; rooms: Set<string> }>();
  // room, name → the person's dropped connections there that keep them away (until they return).
  // Per connection, not a count: an older drop's timer must not end the away of a newer one.
  const away = new PerRoom<Set<string>>();
  // room, name → when another node's word that the person is away there lapses (its grace ends).
  const awayElsewhere = new PerRoom<unknown>();
  let closed = false;
  const tracked = new Set<Promise<unknown>>();

  const notAwayElsewhere = (room: string, name: string): boolean => {
    const timer = awayElsewhere.get(room, name);
    if (timer !== undefined) clock.clearTimeout(timer);
    return awayElsewhere.delete(room, name);
  };
  // The person is back: not away here nor elsewhere. True when they were away.
  const back = (room: string, name: string): boolean => {
    const wasAway = away.delete(room, name);
    return notAwayElsewhere(room, name) || wasAway;
  };

  // Ends this node's grace of the person's dropped connections in the room.
  async function leaveHere(room: string, name: string): Promise<boolean> {
    notAwayElsewhere(room, name);
    let left = false;
    for (const [connectionId, connection] of held) {
      if (connection.name !== name || !connection.rooms.delete(room)) continue;
      forget(room, name, connectionId);
      if (await presence.remove(room, connectionId)) left = true;
    }
    return left;
  }

  const forget = (room: string, name: string, connectionId: string): void => {
    const dropped = away.get(room, name);
    if (dropped?.delete(connectionId) && dropped.size === 0) away.delete(room, name);
  };

  function remove(connectionId: string, name: string, rooms: readonly string[]): void {
    timers.delete(connectionId);
    held.delete(connectionId);
    for (const room of rooms) forget(room, name, connectionId);
    presence
      .removeConnection(connectionId)
      .then((left) => left.forEach((room) => onLeft(room, name)), onError);
  }

  return {
    hold(connectionId, name, rooms) {
      if (closed) return;
      if (graceMs <= 0) return remove(connectionId, name, []);
      for (const room of rooms) {
        away.set(room, name, (away.get(room, name) ?? new Set<string>()).add(connectionId));
      }
      const timer = clock.setTimeout(() => remove(connectionId, name, rooms), graceMs);
      timers.set(connectionId, timer);
      held.set(connectionId, { name, rooms: new Set(rooms) });
    },
    leave(room, name) {
      peers?.leave(room, name);
      return leaveHere(room, name);
    },
    isAway: (room, name) => away.has(room, name) || awayElsewhere.has(room, name),
    awayIn(room) {
      const names = [...away.names(room)];
      for (const name of awayElsewhere.names(room)) if (!away.has(room, name)) names.push(name);
      return names;
    },
    announcedAway(room, name) {
      peers?.away(room, name);
    },
    returned(room, name) {
      if (!back(room, name)) return false;
      peers?.back(room, name);
      return true;
    },
    fromPeer: {
      away: (room, name) => {
        if (closed || graceMs <= 0) return;
        notAwayElsewhere(room, name);
        const timer = clock.setTimeout(() => awayElsewhere.delete(room, name), graceMs);
        awayElsewhere.set(room, name, timer);
      },
      back: (room, name) => void back(room, name),
      leave: leaveHere,
    },
    track(work) {
      const done = work.finally(() => tracked.delete(done));
      tracked.add(done);
    },
    async close() {
      if (tracked.size > 0) {
        let timer: unknown;
        const bound = new Promise<void>((resolve) => {
          timer = clock.setTimeout(() => resolve(), CLOSE_WAIT_MS);
        });
        await Promise.race([Promise.allSettled([...tracked]), bound]);
        clock.clearTimeout(timer);
      }
      closed = true;
      timers.forEach(clock.clearTimeout);
      timers.clear();
      for (const timer of awayElsewhere.values()) clock.clearTimeout(timer);
      awayElsewhere.clear();
      held.clear();
      away.clear();
    },
  };
}
