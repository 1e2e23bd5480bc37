import type { RedisClientType } from '@redis/client';
import { byName, type Presence, type PresenceListener } from './presence.js';
import { ADD, HEARTBEAT, REAP, REMOVE } from './redis-presence-scripts.js';

/** What `createClient({ url })` returns: no modules, scripts or functions, RESP2. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- node-redis's own defaults
export type RedisClient = RedisClientType<{}, {}, {}, 2, {}>;

export interface RedisPresenceOptions {
  redis: RedisClient;
  /** This node's id; unique among live nodes. */
  nodeId: string;
  /** Told of departures of dead nodes' members, and of our members restored after a loss. */
  listener: PresenceListener;
  /** A node silent this long is dead and its members are removed (default 15 s). */
  ttlMs?: number;
  /**
   * On a clean close, this node's members stay this long (their presence grace: a drained node's
   * people were dropped, and reconnect elsewhere), then the other nodes reap them, announced once.
   * Default 0: gone at once.
   */
  lingerMs?: number;
  /** Key prefix, so tests can share one Redis (default `roomlog:presence`). */
  prefix?: string;
  onError?: (err: unknown) => void;
}

/**
 * Presence shared by every node through Redis. Each node refreshes an alive key every `ttlMs / 3`;
 * on the same beat it reaps nodes whose key expired (SIGKILL, no goodbye), so their members are
 * gone within about `ttlMs * 4 / 3`, announced once through `listener.left`. When our own key was
 * found missing (Redis restarted empty, or we were reaped during a long pause), the node writes
 * its connections back and announces them through `listener.joined`.
 */
export async function createRedisPresence(options: RedisPresenceOptions): Promise<Presence> {
  const { redis, nodeId, listener } = options;
  const prefix = options.prefix ?? 'roomlog:presence';
  const ttlMs = options.ttlMs ?? 15_000;
  const lingerMs = options.lingerMs ?? 0;
  const onError = options.onError ?? (() => undefined);
  const key = {
    conns: (room: string) => `${prefix}:conns:${room}`,
    names: (room: string) => `${prefix}:names:${room}`,
    rooms: `${prefix}:rooms`,
    node: `${prefix}:node:${nodeId}`,
    nodes: `${prefix}:nodes`,
    alive: `${prefix}:alive:${nodeId}`,
  };
  // This node's connections: connection id → room → name (for removeConnection and restoring).
  const local = new Map<string, Map<string, string>>();

  const add = async (room: string, connectionId: string, name: string): Promise<boolean> => {
    const isNew = await redis.eval(ADD, {
      keys: [key.conns(room), key.names(room), key.rooms, key.node, key.nodes],
      arguments: [`${nodeId}/${connectionId}`, name, room, `${room}\n${connectionId}`, nodeId],
    });
    return isNew === 1;
  };

  const remove = async (room: string, connectionId: string): Promise<boolean> => {
    const left = await redis.eval(REMOVE, {
      arguments: [prefix, room, `${nodeId}/${connectionId}`, `${room}\n${connectionId}`, key.node],
    });
    return typeof left === 'string';
  };

  const reap = async (node: string, force: boolean): Promise<void> => {
    const left = (await redis.eval(REAP, { arguments: [prefix, node, force ? '1' : '0'] })) as
      string[] | null;
    // The script returns room, name pairs, flattened.
    for (let i = 0; left && i + 1 < left.length; i += 2) {
      const room = left[i];
      const name = left[i + 1];
      if (room !== undefined && name !== undefined) listener.left(room, name);
    }
  };

  const beat = async (): Promise<void> => {
    const existed = await redis.eval(HEARTBEAT, {
      keys: [key.alive, key.nodes],
      arguments: [nodeId, String(ttlMs)],
    });
    if (existed !== 1) {
      for (const [connectionId, rooms] of local) {
        for (const [room, name] of rooms) {
          if (await add(room, connectionId, name)) listener.joined(room, name);
        }
      }
    }
    const nodes = await redis.sMembers(key.nodes);
    for (const node of nodes) if (node !== nodeId) await reap(node, false);
  };

  // A restarted node with the same id first clears what its previous life left behind.
  await reap(nodeId, true);
  await redis.eval(HEARTBEAT, { keys: [key.alive, key.nodes], arguments: [nodeId, String(ttlMs)] });
  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(
    () => {
      beating = beat().catch(onError);
    },
    Math.max(50, Math.floor(ttlMs / 3)),
  );

  return {
    async add(room, connectionId, name) {
      let rooms = local.get(connectionId);
      if (!rooms) local.set(connectionId, (rooms = new Map<string, string>()));
      rooms.set(room, name);
      return add(room, connectionId, name);
    },
    async remove(room, connectionId) {
      local.get(connectionId)?.delete(room);
      return remove(room, connectionId);
    },
    async removeConnection(connectionId) {
      const rooms = [...(local.get(connectionId)?.keys() ?? [])];
      local.delete(connectionId);
      const left: string[] = [];
      for (const room of rooms) if (await remove(room, connectionId)) left.push(room);
      return left;
    },
    async members(room) {
      const names = await redis.hKeys(key.names(room));
      return names.sort(byName);
    },
    async counts() {
      const rooms = await redis.sMembers(key.rooms);
      const counts = await Promise.all(rooms.map((room) => redis.hLen(key.names(room))));
      return new Map(rooms.map((room, i) => [room, counts[i] ?? 0]));
    },
    async close() {
      clearInterval(timer);
      await beating;
      local.clear();
      if (lingerMs > 0) {
        // Alive a little longer without beats: then reaped like a dead node.
        await redis.set(key.alive, '1', { PX: lingerMs }).catch(onError);
        return;
      }
      // A clean stop says goodbye at once (announcing who left) instead of waiting for the expiry.
      await redis.del(key.alive).catch(onError);
      await reap(nodeId, true).catch(onError);
    },
  };
}
