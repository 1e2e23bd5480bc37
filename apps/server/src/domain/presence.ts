import type { Member } from '@roomlog/protocol';

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
  /** The room's distinct members, sorted by name. */
  members(room: string): Promise<Member[]>;
  /** Distinct member counts of every room with at least one member. */
  counts(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

/** Announces changes that no local call caused (another node died, presence was restored). */
export interface PresenceListener {
  joined(room: string, name: string): void;
  left(room: string, name: string): void;
}

export const byName = (a: string, b: string): number => a.localeCompare(b);

/** Presence for a single node, in this process's memory. */
export function createMemoryPresence(): Presence {
  // room → connection id → display name
  const rooms = new Map<string, Map<string, string>>();

  const names = (room: string): string[] => {
    const connections = rooms.get(room);
    return connections ? [...new Set(connections.values())].sort(byName) : [];
  };
  const has = (room: string, name: string): boolean =>
    [...(rooms.get(room)?.values() ?? [])].includes(name);

  function remove(room: string, connectionId: string): boolean {
    const connections = rooms.get(room);
    const name = connections?.get(connectionId);
    if (!connections || name === undefined) return false;
    connections.delete(connectionId);
    if (connections.size === 0) rooms.delete(room);
    return !has(room, name);
  }

  /* eslint-disable @typescript-eslint/require-await -- Presence is async for the Redis implementation; async here keeps a thrown error a rejection, as from Redis. */
  return {
    async add(room, connectionId, name) {
      if (rooms.get(room)?.has(connectionId)) return false;
      const isNew = !has(room, name);
      let connections = rooms.get(room);
      if (!connections) rooms.set(room, (connections = new Map<string, string>()));
      connections.set(connectionId, name);
      return isNew;
    },
    remove: async (room, connectionId) => remove(room, connectionId),
    async removeConnection(connectionId) {
      return [...rooms.keys()].filter((room) => remove(room, connectionId));
    },
    members: async (room) => names(room).map((name) => ({ name })),
    counts: async () => new Map([...rooms.keys()].map((room) => [room, names(room).length])),
    close: async () => undefined,
  };
  /* eslint-enable @typescript-eslint/require-await */
}
