import type { Presence } from './presence.js';

/**
 * Presence that never fails a command: while its backend (Redis) is unreachable, joins and
 * leaves go on without member changes (logged), and lists read as empty. Presence is ephemeral;
 * the Redis presence writes its local connections back once Redis answers again.
 */
export function tolerantPresence(presence: Presence, onError: (err: unknown) => void): Presence {
  const safely = async <T>(run: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      onError(err);
      return fallback;
    }
  };
  return {
    add: (room, connectionId, name) => safely(() => presence.add(room, connectionId, name), false),
    remove: (room, connectionId) => safely(() => presence.remove(room, connectionId), false),
    removeConnection: (connectionId) => safely(() => presence.removeConnection(connectionId), []),
    members: (room) => safely(() => presence.members(room), []),
    counts: () => safely(() => presence.counts(), new Map()),
    close: () => safely(() => presence.close(), undefined),
  };
}
