/**
 * Who holds which display name, across every node that shares the deployment. A name (compared
 * by its `nameKey`) belongs to one session at a time: while any of its connections is open, on
 * any node, and for a grace period after the last one closes, so that a reconnecting person (who
 * presents the same session token, on this node or another) finds the name still theirs while
 * nobody else can take it.
 */
export interface NameRegistry {
  /** Claims `key` for `session` on `connectionId`; false when another session holds it. */
  claim(key: string, session: string, connectionId: string): Promise<boolean>;
  /**
   * The connection closed; the name stays reserved for the grace period. Ignored for a
   * connection that holds nothing (a refused claim, a second release).
   */
  release(key: string, session: string, connectionId: string): Promise<void>;
  /** Stops background work; names stay reserved (a stopped node's people reconnect elsewhere). */
  close(): Promise<void>;
}

interface Holder {
  session: string;
  connections: Set<string>;
  releasedAt: number | null;
}

// Expired holders are swept at most this often, so the map stays as small as the live names.
const SWEEP_EVERY = 1000;

/** The registry of a single node, in this process's memory. */
export function createMemoryNameRegistry(options: {
  graceMs: number;
  now?: () => number;
}): NameRegistry {
  const now = options.now ?? (() => Date.now());
  const holders = new Map<string, Holder>();
  let claims = 0;

  const expired = (holder: Holder, t: number) =>
    holder.connections.size === 0 &&
    holder.releasedAt !== null &&
    t - holder.releasedAt >= options.graceMs;

  function sweep(t: number) {
    for (const [key, holder] of holders) if (expired(holder, t)) holders.delete(key);
  }

  /* eslint-disable @typescript-eslint/require-await -- NameRegistry is async for the Redis implementation; async here keeps a thrown error a rejection, as from Redis. */
  return {
    async claim(key, session, connectionId) {
      const t = now();
      if (++claims % SWEEP_EVERY === 0) sweep(t);
      const holder = holders.get(key);
      if (holder && holder.session !== session && !expired(holder, t)) return false;
      if (!holder || holder.session !== session) {
        holders.set(key, { session, connections: new Set([connectionId]), releasedAt: null });
      } else {
        holder.connections.add(connectionId);
        holder.releasedAt = null;
      }
      return true;
    },
    async release(key, session, connectionId) {
      const holder = holders.get(key);
      if (!holder || holder.session !== session || !holder.connections.delete(connectionId)) return;
      if (holder.connections.size === 0) holder.releasedAt = now();
    },
    close: async () => undefined,
  };
  /* eslint-enable @typescript-eslint/require-await */
}
