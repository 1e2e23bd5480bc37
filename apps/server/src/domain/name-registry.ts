/**
 * Who holds which display name, on this node. A name (compared by its `nameKey`) belongs to one
 * session at a time: while any of its connections is open, and for a grace period after the last
 * one closes, so that a reconnecting person (who presents the same session token) finds the name
 * still theirs while nobody else can take it.
 */
export interface NameRegistry {
  /** Claims `key` for `session` on `connectionId`; false when another session holds it. */
  claim(key: string, session: string, connectionId: string): boolean;
  /** The connection closed; the name stays reserved for the grace period. */
  release(key: string, session: string, connectionId: string): void;
}

interface Holder {
  session: string;
  connections: Set<string>;
  releasedAt: number | null;
}

// Expired holders are swept at most this often, so the map stays as small as the live names.
const SWEEP_EVERY = 1000;

export function createNameRegistry(options: { graceMs: number; now?: () => number }): NameRegistry {
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

  return {
    claim(key, session, connectionId) {
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
    release(key, session, connectionId) {
      const holder = holders.get(key);
      if (!holder || holder.session !== session) return;
      holder.connections.delete(connectionId);
      if (holder.connections.size === 0) holder.releasedAt = now();
    },
  };
}
