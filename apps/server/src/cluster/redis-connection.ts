import { createClient } from '@redis/client';
import type { FastifyBaseLogger } from 'fastify';
import type { RedisClient } from '../domain/redis-presence.js';

/** Shown instead of a password in messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Connects to Redis or fails within ~`timeoutMs` with a one-line reason. Once connected, the
 * client reconnects forever with a short backoff. Commands issued while disconnected fail at once
 * (no offline queue): a join must not hang on presence, and a broadcast that could not be
 * published is repaired by the re-check (see head-recheck.ts).
 */
export async function connectRedis(
  url: string,
  options: { log: FastifyBaseLogger; name: string; timeoutMs?: number },
): Promise<RedisClient> {
  const { log, name, timeoutMs = 5000 } = options;
  let ready = false;
  const started = Date.now();
  const client: RedisClient = createClient({
    url,
    // CLIENT LIST shows which node a connection belongs to (the adapter's reader inherits it).
    name,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: timeoutMs,
      reconnectStrategy: (retries, cause) =>
        ready || Date.now() - started < timeoutMs ? Math.min(50 * 2 ** retries, 1000) : cause,
    },
  });
  let lastError: unknown;
  client.on('error', (err: unknown) => {
    lastError = err;
    if (ready) log.warn({ err: String(err) }, 'redis connection error');
  });
  client.on('ready', () => {
    if (ready) log.info('redis connection restored');
    ready = true;
  });
  try {
    await client.connect();
  } catch (err) {
    if (client.isOpen) client.destroy();
    const reason = err instanceof Error ? err.message : String(lastError ?? err);
    throw new Error(`cannot reach Redis at ${redactUrl(url)}: ${reason || 'connection refused'}`, {
      cause: err,
    });
  }
  return client;
}
