import { afterEach, describe, expect, it } from 'vitest';
import {
  connectTestRedis,
  deleteKeys,
  twoRedisNodes,
  uniquePrefix,
} from '../../test/support/redis.js';
import type { Presence, PresenceListener } from './presence.js';
import { registerPresenceContract } from './presence.contract.js';
import { createRedisPresence, type RedisClient } from './redis-presence.js';

const quiet: PresenceListener = { joined: () => undefined, left: () => undefined };

// Two nodes (two clients, two node ids) sharing one prefix.
registerPresenceContract('redis (two nodes)', () =>
  twoRedisNodes('presence', (redis, i, prefix) =>
    createRedisPresence({ redis, nodeId: `node-${i}`, prefix, listener: quiet }),
  ),
);

describe('createRedisPresence across nodes', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function node(prefix: string, nodeId: string, ttlMs: number, lingerMs = 0) {
    const redis: RedisClient = await connectTestRedis();
    const events: string[] = [];
    const presence: Presence = await createRedisPresence({
      redis,
      nodeId,
      prefix,
      ttlMs,
      lingerMs,
      listener: {
        joined: (room, name) => events.push(`+${room}/${name}`),
        left: (room, name) => events.push(`-${room}/${name}`),
      },
    });
    cleanups.push(async () => {
      await presence.close().catch(() => undefined);
      if (redis.isOpen) redis.destroy();
    });
    return { redis, presence, events };
  }
  const waitFor = async (check: () => Promise<boolean>, ms: number): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('removes the members of a node that died without a goodbye, announced once', async () => {
    const prefix = uniquePrefix('presence');
    cleanups.push(() => deleteKeys(prefix));
    const dead = await node(prefix, 'dead', 600);
    const b = await node(prefix, 'b', 600);
    const c = await node(prefix, 'c', 600);
    await dead.presence.add('lobby', 's1', 'Ada');
    await dead.presence.add('lobby', 's2', 'Grace');
    await dead.presence.add('other', 's1', 'Ada');
    await b.presence.add('lobby', 's1', 'Grace'); // Grace stays through her tab on b
    // SIGKILL: the connection drops, no heartbeat ever again, no goodbye.
    dead.redis.destroy();
    await waitFor(async () => (await b.presence.members('lobby')).length === 1, 10_000);
    expect(await c.presence.members('lobby')).toEqual(['Grace']);
    expect(await c.presence.counts()).toEqual(new Map([['lobby', 1]]));
    // Both survivors reap on their beats; each departure is announced by exactly one of them.
    await new Promise((r) => setTimeout(r, 700));
    expect([...b.events, ...c.events].sort()).toEqual(['-lobby/Ada', '-other/Ada']);
  });

  it('a node restarted under the same id clears its previous life', async () => {
    const prefix = uniquePrefix('presence');
    cleanups.push(() => deleteKeys(prefix));
    const first = await node(prefix, 'n1', 60_000);
    await first.presence.add('lobby', 's1', 'Ada');
    first.redis.destroy();
    const again = await node(prefix, 'n1', 60_000);
    expect(await again.presence.members('lobby')).toEqual([]);
    expect(again.events).toEqual(['-lobby/Ada']);
  });

  it('writes its members back after Redis lost them (a restart without persistence)', async () => {
    const prefix = uniquePrefix('presence');
    cleanups.push(() => deleteKeys(prefix));
    const a = await node(prefix, 'a', 300);
    await a.presence.add('lobby', 's1', 'Ada');
    await deleteKeys(prefix); // what an empty restarted Redis looks like
    await waitFor(async () => (await a.presence.members('lobby')).length === 1, 10_000);
    expect(a.events).toEqual(['+lobby/Ada']);
  });

  it('a clean close announces its members as gone at once', async () => {
    const prefix = uniquePrefix('presence');
    cleanups.push(() => deleteKeys(prefix));
    const a = await node(prefix, 'a', 60_000);
    const b = await node(prefix, 'b', 60_000);
    await a.presence.add('lobby', 's1', 'Ada');
    await a.presence.close();
    expect(await b.presence.members('lobby')).toEqual([]);
    expect(a.events).toEqual(['-lobby/Ada']);
  });

  it('a clean close with a linger keeps its members that long, then one other node reaps them', async () => {
    const prefix = uniquePrefix('presence');
    cleanups.push(() => deleteKeys(prefix));
    const a = await node(prefix, 'a', 300, 1000);
    const b = await node(prefix, 'b', 300);
    const c = await node(prefix, 'c', 300);
    await a.presence.add('lobby', 's1', 'Ada');
    await a.presence.add('lobby', 's2', 'Grace');
    await b.presence.add('lobby', 's3', 'Grace'); // back elsewhere: stays
    const closed = Date.now();
    await a.presence.close();
    expect(await b.presence.members('lobby')).toEqual(['Ada', 'Grace']);
    await waitFor(async () => (await b.presence.members('lobby')).length === 1, 10_000);
    expect(Date.now() - closed).toBeGreaterThanOrEqual(900);
    await new Promise((r) => setTimeout(r, 400));
    expect([...a.events, ...b.events, ...c.events]).toEqual(['-lobby/Ada']);
  });
});
