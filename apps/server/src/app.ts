import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { startHeadRecheck } from './cluster/head-recheck.js';
import { redisStreamsAdapter } from './cluster/redis-adapter.js';
import { connectRedis } from './cluster/redis-connection.js';
import type { Config } from './config.js';
import { createMemoryNameRegistry, type NameRegistry } from './domain/name-registry.js';
import { createMemoryPresence, type Presence, type PresenceListener } from './domain/presence.js';
import { createRedisNameRegistry } from './domain/redis-name-registry.js';
import { createRedisPresence, type RedisClient } from './domain/redis-presence.js';
import { createRoomDirectory } from './domain/room-directory.js';
import { tolerantNameRegistry } from './domain/tolerant-name-registry.js';
import { tolerantPresence } from './domain/tolerant-presence.js';
import { createRoomLog } from './domain/room-log.js';
import { errorHandler } from './http/error-handler.js';
import { exportRoutes } from './http/export-routes.js';
import { healthRoutes } from './http/health-routes.js';
import { metricsRoutes } from './http/metrics-routes.js';
import { roomRoutes } from './http/room-routes.js';
import { securityHeaders } from './http/security-headers.js';
import { webAppRoutes } from './http/web-app-routes.js';
import {
  createBudgets,
  memoryLimiterFactory,
  redisLimiterFactory,
  type LimiterFactory,
} from './limits/budgets.js';
import { createLifecycle, type Lifecycle } from './ops/lifecycle.js';
import { createMetrics, instrumentRoomLog, registerSocketGauges } from './ops/metrics.js';
import { createSessionTokens } from './realtime/session-token.js';
import { createMemberAnnouncer } from './realtime/member-announcer.js';
import { socketIoPlugin } from './realtime/socket-io-plugin.js';
import type { MessageStore } from './storage/message-store.js';
import { storeFromConfig } from './store-from-config.js';

/** How long a name stays reserved for its session after its last connection closes. */
export const NAME_GRACE_MS = 2 * 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Draining for a graceful stop (see main.ts). */
    lifecycle: Lifecycle;
  }
}

export interface BuildServerOptions {
  config: Config;
  /** Injected store; closed by the caller. Default: the one `config.store` names, closed with the server. */
  store?: MessageStore;
  /** The clock that stamps messages. */
  now?: () => Date;
  /** Fastify's logger option; default: pino at `config.logLevel`, every line with the node id. */
  logger?: FastifyServerOptions['logger'];
  /** Makes the rate limiters; default: shared through Redis with `REDIS_URL`, else in memory. */
  limiterFactory?: LimiterFactory;
  /** See {@link NAME_GRACE_MS}. */
  nameGraceMs?: number;
  /** One socket write per connection and loop iteration (default true; off only to measure it). */
  coalesceWrites?: boolean;
}

// QUIT when Redis answers; otherwise drop the socket (and stop reconnecting) without waiting.
async function closeRedis(redis: RedisClient): Promise<void> {
  try {
    await redis.quit();
  } catch {
    if (redis.isOpen) redis.destroy();
  }
}

/** Builds the whole server, ready but not listening: `main.ts` listens, tests listen on port 0. */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { config } = options;
  // Long-polling makes a request every few seconds per client: logging each would drown the rest.
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel, base: { node: config.nodeId } },
    logController: new LogController({ disableRequestLogging: true }),
  });

  // Connect first: an unreachable database or Redis refuses to start with a one-line reason.
  const store = options.store ?? (await storeFromConfig(config.store));
  let redis: RedisClient | null = null;
  try {
    redis = config.redisUrl
      ? await connectRedis(config.redisUrl, {
          log: app.log,
          name: `${config.redisPrefix}:${config.nodeId}`,
        })
      : null;
  } catch (err) {
    if (!options.store) await store.close();
    throw err;
  }

  const lifecycle = createLifecycle();
  const metrics = createMetrics(config.nodeId);
  const roomLog = lifecycle.track(
    instrumentRoomLog(createRoomLog({ store, now: options.now ?? (() => new Date()) }), metrics),
  );
  // Changes no local call caused (a dead node's members, members restored after a Redis loss).
  const members = createMemberAnnouncer({
    windowMs: config.memberBatchMs,
    emit: (event, room, names) => app.io.to(room).emit(event, { room, names }),
  });
  const listener: PresenceListener = {
    joined: (room, name) => members.announce('member:joined', room, name),
    left: (room, name) => members.announce('member:left', room, name),
  };
  const presence: Presence = redis
    ? tolerantPresence(
        await createRedisPresence({
          redis,
          nodeId: config.nodeId,
          prefix: `${config.redisPrefix}:presence`,
          listener,
          ttlMs: config.presenceTtlMs,
          // A drained node's people reconnect elsewhere: they keep their grace there.
          lingerMs: config.presenceGraceMs,
          onError: (err) => app.log.warn({ err }, 'presence heartbeat failed'),
        }),
        (err) => app.log.warn({ err }, 'presence unavailable (redis)'),
      )
    : createMemoryPresence();
  const directory = await createRoomDirectory({ store, presence });
  const budgets = createBudgets(
    config.limits,
    options.limiterFactory ??
      (redis ? redisLimiterFactory(redis, config.redisPrefix) : memoryLimiterFactory),
  );
  const tokens = createSessionTokens(config.sessionSecret);
  const nameGraceMs = options.nameGraceMs ?? NAME_GRACE_MS;
  // A name is one person's across the whole deployment while they hold it, not per node.
  const names: NameRegistry = redis
    ? tolerantNameRegistry(
        createRedisNameRegistry({
          redis,
          graceMs: nameGraceMs,
          prefix: `${config.redisPrefix}:names`,
          onError: (err) => app.log.warn({ err }, 'names: refresh failed'),
        }),
        (err) => app.log.warn({ err }, 'names unavailable (redis)'),
      )
    : createMemoryNameRegistry({ graceMs: nameGraceMs });

  app.decorate('lifecycle', lifecycle);
  app.setErrorHandler(errorHandler);
  // Fastify runs onClose hooks last-registered first: registered before Socket.IO's, this one
  // runs after it (sockets gone, their drops announced): presence says goodbye (or lingers for
  // the grace), then Redis and the store close.
  let recheck: { close(): void } | null = null;
  app.addHook('onClose', async () => {
    recheck?.close();
    await presence.close();
    await names.close();
    if (redis) await closeRedis(redis);
    if (!options.store) await store.close();
  });
  await app.register(securityHeaders, { webRoot: config.webRoot });
  await app.register(socketIoPlugin, {
    config,
    roomLog,
    presence,
    directory,
    budgets,
    tokens,
    names,
    members,
    adapter: redis ? redisStreamsAdapter(redis, config.redisPrefix) : undefined,
    draining: () => lifecycle.draining,
    coalesceWrites: options.coalesceWrites ?? true,
  });
  registerSocketGauges(metrics, app.io);
  recheck = redis ? startHeadRecheck({ io: app.io, store, redis, log: app.log }) : null;
  await app.register(healthRoutes, {
    nodeId: config.nodeId,
    store,
    pingRedis: redis ? () => redis.ping() : undefined,
    draining: () => lifecycle.draining,
  });
  await app.register(metricsRoutes, { registry: metrics.registry });
  await app.register(roomRoutes, { roomLog, directory });
  await app.register(exportRoutes, { store });
  await app.register(webAppRoutes, { webRoot: config.webRoot });
  await app.ready();
  return app;
}
