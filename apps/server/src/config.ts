import { hostname } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  ROOMLOG_STORE: z.enum(['sqlite', 'memory']).default('sqlite'),
  ROOMLOG_SQLITE_PATH: z.string().min(1).default('./data/roomlog.db'),
  // See README "Durability": NORMAL survives a process crash, FULL also survives power loss.
  ROOMLOG_SQLITE_SYNC: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  ROOMLOG_WEB_ROOT: z.string().min(1).optional(),
  // Per connection: messages per second, and how many may come at once.
  ROOMLOG_SEND_RATE: z.coerce.number().positive().default(10),
  ROOMLOG_SEND_BURST: z.coerce.number().int().min(1).default(30),
  // Multi-node: a shared PostgreSQL log, Redis fan-out and presence, and this node's name.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  // Namespaces the adapter's stream and the presence keys, so several clusters can share a Redis.
  ROOMLOG_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:._-]{1,64}$/, 'must be 1-64 of A-Z a-z 0-9 : . _ -')
    .default('roomlog'),
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 of A-Z a-z 0-9 . _ -')
    .optional(),
  // Redis presence: a node silent this long is dead and its members are removed.
  ROOMLOG_PRESENCE_TTL_MS: z.coerce.number().int().min(300).default(15_000),
  // How long SIGTERM may take before the process exits anyway.
  ROOMLOG_SHUTDOWN_MS: z.coerce.number().int().min(0).default(10_000),
});

/** Everything the server needs to know, parsed and checked once at the edge. */
export interface Config {
  port: number;
  host: string;
  logLevel: (typeof LOG_LEVELS)[number];
  store:
    | { kind: 'memory' }
    | { kind: 'sqlite'; path: string; synchronous: 'NORMAL' | 'FULL' }
    | { kind: 'postgres'; url: string };
  /** Redis for the Socket.IO adapter and presence across nodes; null on a single node. */
  redisUrl: string | null;
  /** Prefix of every Redis key and stream this cluster uses. */
  redisPrefix: string;
  /** This node's name in logs, `/healthz` and presence. */
  nodeId: string;
  /** Redis presence: how long a silent node keeps its members. */
  presenceTtlMs: number;
  /** SIGTERM: how long draining may take before the process exits anyway. */
  shutdownMs: number;
  /** The built web app's directory (adapter-static output), or null to serve no web app. */
  webRoot: string | null;
  /** `message:send` limit per connection (token bucket). */
  sendRate: { perSecond: number; burst: number };
}

/** Thrown by {@link loadConfig} with every problem found, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a {@link Config}; lists every problem at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.DATABASE_URL && env.ROOMLOG_STORE !== undefined) {
    throw new ConfigError([
      `ROOMLOG_STORE=${env.ROOMLOG_STORE} conflicts with DATABASE_URL: set one of them`,
    ]);
  }
  // Nodes that share rooms must share the log: Redis with a node-local store would split it.
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new ConfigError([
      `REDIS_URL needs DATABASE_URL: nodes sharing rooms need one shared log, not a local ${e.ROOMLOG_STORE} store`,
    ]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    store: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : e.ROOMLOG_STORE === 'memory'
        ? { kind: 'memory' }
        : {
            kind: 'sqlite',
            path: path.resolve(e.ROOMLOG_SQLITE_PATH),
            synchronous: e.ROOMLOG_SQLITE_SYNC,
          },
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.ROOMLOG_REDIS_PREFIX,
    nodeId: e.NODE_ID ?? `${hostname()}-${process.pid}`,
    presenceTtlMs: e.ROOMLOG_PRESENCE_TTL_MS,
    shutdownMs: e.ROOMLOG_SHUTDOWN_MS,
    webRoot: e.ROOMLOG_WEB_ROOT ? path.resolve(e.ROOMLOG_WEB_ROOT) : defaultWebRoot(),
    sendRate: { perSecond: e.ROOMLOG_SEND_RATE, burst: e.ROOMLOG_SEND_BURST },
  };
}

// The web app is a workspace dependency; its adapter-static output lives in its `build/`.
function defaultWebRoot(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@roomlog/web/package.json')), 'build');
}
