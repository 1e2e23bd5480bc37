import type { Member } from '@roomlog/protocol';

/**
 * Who is connected to which room, on this node. Ephemeral: never stored.
 * A person with two tabs open is one member.
 */
export interface Presence {
  /** Returns true when the room's member list changed. */
  add(room: string, connectionId: string, name: string): boolean;
  /** Returns true when the room's member list changed. */
  remove(room: string, connectionId: string): boolean;
  /** Removes a connection from every room; returns the rooms whose member list changed. */
  removeConnection(connectionId: string): string[];
  members(room: string): Member[];
  /** Distinct member counts of every room with at least one member. */
  counts(): Map<string, number>;
}

export function createPresence(): Presence {
  // room → connection id → display name
  const rooms = new Map<string, Map<string, string>>();

  function names(room: string): string[] {
    const connections = rooms.get(room);
    if (!connections) return [];
    return [...new Set(connections.values())].sort((a, b) => a.localeCompare(b));
  }

  function remove(room: string, connectionId: string): boolean {
    const connections = rooms.get(room);
    if (!connections?.has(connectionId)) return false;
    const before = names(room).length;
    connections.delete(connectionId);
    if (connections.size === 0) rooms.delete(room);
    return names(room).length !== before;
  }

  return {
    add(room, connectionId, name) {
      const before = names(room);
      let connections = rooms.get(room);
      if (!connections) rooms.set(room, (connections = new Map()));
      connections.set(connectionId, name);
      return names(room).length !== before.length;
    },
    remove,
    removeConnection(connectionId) {
      const changed: string[] = [];
      for (const room of [...rooms.keys()]) {
        if (remove(room, connectionId)) changed.push(room);
      }
      return changed;
    },
    members: (room) => names(room).map((name) => ({ name })),
    counts: () => new Map([...rooms.keys()].map((room) => [room, names(room).length])),
  };
}
