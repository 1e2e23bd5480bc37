/**
 * Who is connected to which room, across every node that shares it. Ephemeral: never stored in
 * the message log. A person (a display name) with two tabs, on one node or on two, is one member.
 */
export interface Presence {
  /** Returns true when `name` was not in the room before: a `member:joined` to announce. */
  add(room: string, connectionId: string, name: string): Promise<boolean>;
  /** Returns true when the connection's name left the room (its last connection there). */
  remove(room: string, connectionId: string): Promise<boolean>;
  /** Removes a connection from every room; returns the rooms its name left. */
  removeConnection(connectionId: string): Promise<string[]>;
  /** The room's distinct members (display names), sorted by {@link byName}. */
  members(room: string): Promise<string[]>;
  /** Distinct member counts of every room with at least one member. */
  counts(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

/** Announces changes that no local call caused (another node died, presence was restored). */
export interface PresenceListener {
  joined(room: string, name: string): void;
  left(room: string, name: string): void;
}

// One collator for every comparison: `localeCompare` sets one up per call (slow in a join storm).
const collator = new Intl.Collator();
/** The order of member lists: the default locale's, as `localeCompare` gives. */
export const byName = (a: string, b: string): number => collator.compare(a, b);

/** Where `name` is, or goes, in `members` sorted by name (binary search). */
function indexOf(members: readonly string[], name: string): number {
  let low = 0;
  let high = members.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (byName(members[mid] as string, name) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Presence for a single node, in this process's memory. */
export function createMemoryPresence(): Presence {
  // Per room: connection id → display name, connections per name, and the members kept sorted
  // as they come and go (a join storm reads the whole list once per join).
  interface Room {
    connections: Map<string, string>;
    perName: Map<string, number>;
    members: string[];
  }
  const rooms = new Map<string, Room>();

  function remove(roomName: string, connectionId: string): boolean {
    const room = rooms.get(roomName);
    const name = room?.connections.get(connectionId);
    if (!room || name === undefined) return false;
    room.connections.delete(connectionId);
    if (room.connections.size === 0) rooms.delete(roomName);
    const left = (room.perName.get(name) ?? 1) - 1;
    if (left > 0) {
      room.perName.set(name, left);
      return false;
    }
    room.perName.delete(name);
    room.members.splice(indexOf(room.members, name), 1);
    return true;
  }

  /* eslint-disable @typescript-eslint/require-await -- Presence is async for the Redis implementation; async here keeps a thrown error a rejection, as from Redis. */
  return {
    async add(roomName, connectionId, name) {
      let room = rooms.get(roomName);
      if (room?.connections.has(connectionId)) return false;
      if (!room) {
        room = { connections: new Map(), perName: new Map(), members: [] };
        rooms.set(roomName, room);
      }
      room.connections.set(connectionId, name);
      const before = room.perName.get(name) ?? 0;
      room.perName.set(name, before + 1);
      if (before > 0) return false;
      room.members.splice(indexOf(room.members, name), 0, name);
      return true;
    },
    remove: async (room, connectionId) => remove(room, connectionId),
    async removeConnection(connectionId) {
      return [...rooms.keys()].filter((room) => remove(room, connectionId));
    },
    // A copy: the caller may change its list, never ours.
    members: async (room) => [...(rooms.get(room)?.members ?? [])],
    counts: async () => new Map([...rooms].map(([name, room]) => [name, room.perName.size])),
    close: async () => undefined,
  };
  /* eslint-enable @typescript-eslint/require-await */
}
