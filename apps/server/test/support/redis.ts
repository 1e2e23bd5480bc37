import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';

/** The local test Redis; `REDIS_URL` overrides it. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A connected client that ignores connection errors (tests kill connections on purpose). */
export async function connectTestRedis() {
  const client = createClient({ url: TEST_REDIS_URL });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** A key prefix of its own, so parallel test runs sharing one Redis never meet. */
export const uniquePrefix = (what: string): string => `test:${what}:${randomUUID().slice(0, 8)}`;

/** Deletes every key under `prefix`. */
export async function deleteKeys(prefix: string): Promise<void> {
  const client = await connectTestRedis();
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    keys.push(...batch);
  }
  if (keys.length > 0) await client.del(keys);
  client.destroy();
}

/**
 * Two nodes sharing one fresh prefix, each with its own client (what a contract suite runs its
 * cases on), and a cleanup that closes both, their clients and their keys.
 */
export async function twoRedisNodes<T extends { close(): Promise<void> }>(
  what: string,
  open: (
    redis: Awaited<ReturnType<typeof connectTestRedis>>,
    i: 0 | 1,
    prefix: string,
  ) => T | Promise<T>,
): Promise<{ a: T; b: T; cleanup: () => Promise<void> }> {
  const prefix = uniquePrefix(what);
  const clients = [await connectTestRedis(), await connectTestRedis()] as const;
  const [a, b] = await Promise.all([open(clients[0], 0, prefix), open(clients[1], 1, prefix)]);
  return {
    a,
    b,
    cleanup: async () => {
      await a.close();
      await b.close();
      for (const client of clients) client.destroy();
      await deleteKeys(prefix);
    },
  };
}
