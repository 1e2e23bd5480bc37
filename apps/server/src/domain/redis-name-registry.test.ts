import { afterEach, describe, expect, it } from 'vitest';
import {
  connectTestRedis,
  deleteKeys,
  twoRedisNodes,
  uniquePrefix,
} from '../../test/support/redis.js';
import { CONTRACT_GRACE_MS, registerNameRegistryContract } from './name-registry.contract.js';
import { createRedisNameRegistry } from './redis-name-registry.js';
import { tolerantNameRegistry } from './tolerant-name-registry.js';

// Two nodes (two clients) sharing one prefix.
registerNameRegistryContract('redis (two nodes)', () =>
  twoRedisNodes('names', (redis, _i, prefix) =>
    createRedisNameRegistry({ redis, prefix, graceMs: CONTRACT_GRACE_MS }),
  ),
);

describe('createRedisNameRegistry', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function node(prefix: string, graceMs = CONTRACT_GRACE_MS) {
    const redis = await connectTestRedis();
    const errors: unknown[] = [];
    const names = createRedisNameRegistry({
      redis,
      prefix,
      graceMs,
      onError: (err) => errors.push(err),
    });
    cleanups.push(async () => {
      await names.close();
      if (redis.isOpen) redis.destroy();
    });
    return { redis, names, errors };
  }
  const fresh = () => {
    const prefix = uniquePrefix('names');
    cleanups.push(() => deleteKeys(prefix));
    return prefix;
  };

  it("frees a dead node's names one grace after its last refresh, not before", async () => {
    const prefix = fresh();
    const dead = await node(prefix);
    const b = await node(prefix);
    await dead.names.claim('ada', 's1', 'c1');
    await sleep(CONTRACT_GRACE_MS * 2); // refreshed meanwhile: still held
    expect(await b.names.claim('ada', 's2', 'c2')).toBe(false);
    // SIGKILL: no release, no refresh ever again.
    await dead.names.close();
    dead.redis.destroy();
    // Its person reconnects elsewhere within the grace and keeps the name.
    expect(await b.names.claim('ada', 's1', 'c3')).toBe(true);
    await b.names.release('ada', 's1', 'c3');
    await sleep(CONTRACT_GRACE_MS * 2);
    expect(await b.names.claim('ada', 's2', 'c2')).toBe(true);
  });

  it('writes its held names back after Redis lost them', async () => {
    const prefix = fresh();
    const a = await node(prefix);
    const b = await node(prefix);
    await a.names.claim('ada', 's1', 'c1');
    await deleteKeys(prefix); // what an empty restarted Redis looks like
    await sleep(CONTRACT_GRACE_MS);
    expect(await b.names.claim('ada', 's2', 'c2')).toBe(false);
    expect(a.errors).toEqual([]);
  });

  it('while Redis is unreachable, grants names not held here, refuses those held here', async () => {
    const prefix = fresh();
    const a = await node(prefix);
    const errors: unknown[] = [];
    const names = tolerantNameRegistry(a.names, (err) => errors.push(err));
    expect(await names.claim('ada', 's1', 'c1')).toBe(true);
    a.redis.destroy();
    expect(await names.claim('ada', 's2', 'c2')).toBe(false);
    expect(await names.claim('grace', 's2', 'c2')).toBe(true);
    await names.release('ada', 's1', 'c1');
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });
});
