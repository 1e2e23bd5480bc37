import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { MEMBER_BATCH_MS } from './realtime/member-announcer.js';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_SQLITE_SYNCHRONOUS,
  SQLITE_SYNCHRONOUS_LEVELS,
  type SqliteSynchronous,
} from './storage/sqlite-synchronous.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  ROOMLOG_STORE: z.enum(['sqlite', 'memory']).default('sqlite'),
  ROOMLOG_SQLITE_PATH: z.string().min(1).default('./data/roomlog.db'),
  // See README "Durability": NORMAL survives a process crash, FULL also survives power loss.
  ROOMLOG_SQLITE_SYNC: z.enum(SQLITE_SYNCHRONOUS_LEVELS).default(DEFAULT_SQLITE_SYNCHRONOUS),
  ROOMLOG_WEB_ROOT: z.string().min(1).optional(),
  // Per person (session): messages per second, and how many may come at once.
  ROOMLOG_SEND_RATE: z.coerce.number().positive().default(10),
  ROOMLOG_SEND_BURST: z.coerce.number().int().min(1).default(30),
  ROOMLOG_JOINS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  ROOMLOG_HISTORY_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  ROOMLOG_ROOMS_PER_CONNECTION: z.coerce.number().int().min(1).default(50),
  ROOMLOG_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(50),
  ROOMLOG_MAX_QUEUED_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(8 * 1024 * 1024),
  // Origins allowed besides the server's own, comma-separated (`pnpm dev` adds Vite's).
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.url().refine((o) => new URL(o).origin === o, 'must be an origin like https://host:port'),
      ),
    ),
  // Load balancers whose X-Forwarded-For is believed (comma-separated IP addresses), so the
  // per-address budgets and connection cap count clients, not the balancer.
  ROOMLOG_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine((a) => isIP(a) !== 0, 'must be IP addresses, like 10.0.0.2'))),
  // Signs session tokens; without it a random secret is made at boot (tokens end with the process).
  ROOMLOG_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
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
  // A person whose connection drops (no leave) stays a member, "reconnecting", this long.
  ROOMLOG_PRESENCE_GRACE_MS: z.coerce.number().int().min(0).default(15_000),
  // Member changes that follow a room's last member event within this long go out as one event.
  ROOMLOG_MEMBER_BATCH_MS: z.coerce.number().int().min(0).max(1000).default(MEMBER_BATCH_MS),
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
    | { kind: 'sqlite'; path: string; synchronous: SqliteSynchronous }
    | { kind: 'postgres'; url: string };
  /** Redis for the Socket.IO adapter and presence across nodes; null on a single node. */
  redisUrl: string | null;
  /** Prefix of every Redis key and stream this cluster uses. */
  redisPrefix: string;
  /** This node's name in logs, `/healthz` and presence. */
  nodeId: string;
  /** Redis presence: how long a silent node keeps its members. */
  presenceTtlMs: number;
  /** How long a person whose last connection dropped (no leave) stays a member; 0: none. */
  presenceGraceMs: number;
  /** See {@link MEMBER_BATCH_MS}. */
  memberBatchMs: number;
  /** SIGTERM: how long draining may take before the process exits anyway. */
  shutdownMs: number;
  /** The built web app's directory (adapter-static output), or null to serve no web app. */
  webRoot: string | null;
  /** What one person (session) and one address may spend; see README "Limits". */
  limits: Limits;
  /** Browser origins allowed to connect besides the server's own. */
  allowedOrigins: string[];
  /** Peers whose `X-Forwarded-For` names the client (HAProxy, nginx); empty: none. */
  trustedProxies: string[];
  /** The HMAC key of session tokens; null: a random one per process. */
  sessionSecret: string | null;
}

export interface Limits {
  /** `message:send` per person: messages per second, and how many at once. */
  send: { perSecond: number; burst: number };
  /** `room:join` and `room:leave` per person per minute. */
  joinsPerMinute: number;
  /** `room:history` per person per minute. */
  historyPerMinute: number;
  roomsPerConnection: number;
  connectionsPerAddress: number;
  /** Outbound bytes one connection may have queued before it is dropped as a slow consumer. */
  maxQueuedBytes: number;
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
  // Names are held across nodes by session: a token one node signed must verify on the others.
  if (e.REDIS_URL && !e.ROOMLOG_SESSION_SECRET) {
    throw new ConfigError([
      'REDIS_URL needs ROOMLOG_SESSION_SECRET: every node must verify the session tokens of the others (the same secret on each), or a person who reconnects to another node loses their name',
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
    presenceGraceMs: e.ROOMLOG_PRESENCE_GRACE_MS,
    memberBatchMs: e.ROOMLOG_MEMBER_BATCH_MS,
    shutdownMs: e.ROOMLOG_SHUTDOWN_MS,
    webRoot: e.ROOMLOG_WEB_ROOT ? path.resolve(e.ROOMLOG_WEB_ROOT) : defaultWebRoot(),
    limits: {
      send: { perSecond: e.ROOMLOG_SEND_RATE, burst: e.ROOMLOG_SEND_BURST },
      joinsPerMinute: e.ROOMLOG_JOINS_PER_MINUTE,
      historyPerMinute: e.ROOMLOG_HISTORY_PER_MINUTE,
      roomsPerConnection: e.ROOMLOG_ROOMS_PER_CONNECTION,
      connectionsPerAddress: e.ROOMLOG_CONNECTIONS_PER_IP,
      maxQueuedBytes: e.ROOMLOG_MAX_QUEUED_BYTES,
    },
    allowedOrigins: e.ALLOWED_ORIGINS,
    trustedProxies: e.ROOMLOG_TRUSTED_PROXIES,
    sessionSecret: e.ROOMLOG_SESSION_SECRET ?? null,
  };
}

// The web app is a workspace dependency; its adapter-static output lives in its `build/`.
function defaultWebRoot(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@roomlog/web/package.json')), 'build');
}
