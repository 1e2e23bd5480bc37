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
  // Per connection: messages per second, and how many may come at once.
  ROOMLOG_SEND_RATE: z.coerce.number().positive().default(10),
  ROOMLOG_SEND_BURST: z.coerce.number().int().min(1).default(30),
});

/** Everything the server needs to know, parsed and checked once at the edge. */
export interface Config {
  port: number;
  host: string;
  logLevel: (typeof LOG_LEVELS)[number];
  store: { kind: 'memory' } | { kind: 'sqlite'; path: string; synchronous: SqliteSynchronous };
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
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    store:
      e.ROOMLOG_STORE === 'memory'
        ? { kind: 'memory' }
        : {
            kind: 'sqlite',
            path: path.resolve(e.ROOMLOG_SQLITE_PATH),
            synchronous: e.ROOMLOG_SQLITE_SYNC,
          },
    webRoot: e.ROOMLOG_WEB_ROOT ? path.resolve(e.ROOMLOG_WEB_ROOT) : defaultWebRoot(),
    sendRate: { perSecond: e.ROOMLOG_SEND_RATE, burst: e.ROOMLOG_SEND_BURST },
  };
}

// The web app is a workspace dependency; its adapter-static output lives in its `build/`.
function defaultWebRoot(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@roomlog/web/package.json')), 'build');
}
