import type { NameRegistry } from './name-registry.js';
import type { RedisClient } from './redis-presence.js';

export interface RedisNameRegistryOptions {
  redis: RedisClient;
  /** How long a name stays its session's after its last connection closes, on any node. */
  graceMs: number;
  /** Key prefix, so tests and clusters can share one Redis (default `roomlog:names`). */
  prefix?: string;
  /** A background refresh failed, or found a name of ours taken meanwhile (after an outage). */
  onError?: (err: unknown) => void;
}

// One key per name: P:<nameKey> → the holding session, with an expiry. A node refreshes the
// expiry of every name it has open connections for, so the key outlives the last connection (on
// whichever node) by the grace; a node that dies stops refreshing and its names free up a grace
// later, with no reaper. Each script runs atomically, so two claims never both win.

/** KEYS name · ARGV session ttlMs → 1 when the name is (now) the session's, 0 when another's. */
const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** KEYS name · ARGV session ttlMs → starts the session's grace (0 ms: frees the name now). */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '0' then redis.call('DEL', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1`;

/**
 * Names shared by every node through Redis. Each node knows its own open connections per name (to
 * refresh them, and to answer for them while Redis is unreachable); Redis knows the holder.
 */
export function createRedisNameRegistry(options: RedisNameRegistryOptions): NameRegistry {
  const { redis, graceMs } = options;
  const prefix = options.prefix ?? 'roomlog:names';
  const onError = options.onError ?? (() => undefined);
  // A held name's key lives this long past its last refresh; refreshed three times within it.
  const refreshMs = Math.max(50, Math.floor(Math.min(graceMs, 90_000) / 3));
  const liveTtlMs = Math.max(graceMs, refreshMs * 3);
  const keyOf = (key: string) => `${prefix}:${key}`;
  // name key → the session holding it here and its open connections on this node.
  const local = new Map<string, { session: string; connections: Set<string> }>();

  const claimInRedis = async (key: string, session: string): Promise<boolean> =>
    (await redis.eval(CLAIM, { keys: [keyOf(key)], arguments: [session, String(liveTtlMs)] })) ===
    1;

  async function refresh(): Promise<void> {
    for (const [key, { session }] of local) {
      // Also writes the name back when Redis lost it (restarted empty, or an outage outlived it).
      if (!(await claimInRedis(key, session))) {
        onError(new Error(`name "${key}" was taken on another node while Redis was unreachable`));
      }
    }
  }
  let refreshing: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    refreshing = refresh().catch(onError);
  }, refreshMs);
  timer.unref();

  return {
    async claim(key, session, connectionId) {
      const here = local.get(key);
      // Answered here when this node holds it for someone else (true even while Redis is away).
      if (here && here.session !== session) return false;
      // Recorded before Redis answers, so a release that comes meanwhile finds the connection.
      const entry = here ?? { session, connections: new Set<string>() };
      entry.connections.add(connectionId);
      local.set(key, entry);
      if (await claimInRedis(key, session)) return true;
      entry.connections.delete(connectionId);
      if (entry.connections.size === 0 && local.get(key) === entry) local.delete(key);
      return false;
    },
    async release(key, session, connectionId) {
      const entry = local.get(key);
      if (!entry || entry.session !== session || !entry.connections.delete(connectionId)) return;
      if (entry.connections.size > 0) return;
      local.delete(key);
      await redis.eval(RELEASE, { keys: [keyOf(key)], arguments: [session, String(graceMs)] });
    },
    async close() {
      clearInterval(timer);
      await refreshing;
    },
  };
}
