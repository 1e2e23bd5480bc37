import { afterEach, beforeEach } from 'vitest';
import type { BuildServerOptions } from '../../src/index.js';
import { startServer, type RunningServer } from './harness.js';
import { createTestSchema, type TestSchema } from './postgres.js';
import { connectTestRedis, deleteKeys, TEST_REDIS_URL, uniquePrefix } from './redis.js';

const CLUSTER_SESSION_SECRET = 'the-test-cluster-secret-of-32-characters-or-more';

/** One shared room space for several nodes: a fresh PostgreSQL schema and a Redis prefix. */
export interface TestCluster {
  schema: TestSchema;
  prefix: string;
  /** The environment of node `nodeId` (its Redis through `redisUrl` when given). */
  env(nodeId: string, redisUrl?: string): Record<string, string>;
  /** Kills every Redis connection of this cluster's nodes (CLIENT KILL); returns how many. */
  killRedisConnections(): Promise<number>;
  cleanup(): Promise<void>;
}

export async function createTestCluster(): Promise<TestCluster> {
  const schema = await createTestSchema();
  const prefix = uniquePrefix('cluster');
  return {
    schema,
    prefix,
    env: (nodeId, redisUrl) => ({
      DATABASE_URL: schema.url,
      REDIS_URL: redisUrl ?? TEST_REDIS_URL,
      ROOMLOG_REDIS_PREFIX: prefix,
      NODE_ID: nodeId,
      // One secret for all nodes: a session (and the name it holds) is valid on each of them.
      ROOMLOG_SESSION_SECRET: CLUSTER_SESSION_SECRET,
    }),
    async killRedisConnections() {
      const admin = await connectTestRedis();
      const list = await admin.clientList();
      const ours = list.filter((c) => c.name.startsWith(`${prefix}:`));
      for (const c of ours) await admin.clientKill({ filter: 'ID', id: Number(c.id) });
      admin.destroy();
      return ours.length;
    },
    async cleanup() {
      await schema.drop();
      await deleteKeys(prefix);
    },
  };
}

/** Two in-process nodes (buildServer on port 0) of a fresh cluster for each test of the file. */
export function useTwoNodes(
  env: Record<string, string> = {},
  options: Partial<BuildServerOptions> = {},
): () => { a: RunningServer; b: RunningServer; cluster: TestCluster } {
  let running: { a: RunningServer; b: RunningServer; cluster: TestCluster } | undefined;
  beforeEach(async () => {
    const cluster = await createTestCluster();
    const a = await startServer({ ...cluster.env('node-a'), ...env }, options);
    const b = await startServer({ ...cluster.env('node-b'), ...env }, options);
    running = { a, b, cluster };
  });
  afterEach(async () => {
    if (!running) return;
    await running.a.close();
    await running.b.close();
    await running.cluster.cleanup();
    running = undefined;
  });
  return () => {
    if (!running) throw new Error('useTwoNodes: no nodes outside a test');
    return running;
  };
}
