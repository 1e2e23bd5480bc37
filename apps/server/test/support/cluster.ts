import { createTestSchema, type TestSchema } from './postgres.js';
import { connectTestRedis, deleteKeys, TEST_REDIS_URL, uniquePrefix } from './redis.js';

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
