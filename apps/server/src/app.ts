import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import { createNameRegistry } from './domain/name-registry.js';
import { createPresence } from './domain/presence.js';
import { createRoomDirectory } from './domain/room-directory.js';
import { createRoomLog } from './domain/room-log.js';
import { errorHandler } from './http/error-handler.js';
import { exportRoutes } from './http/export-routes.js';
import { healthRoutes } from './http/health-routes.js';
import { roomRoutes } from './http/room-routes.js';
import { securityHeaders } from './http/security-headers.js';
import { webAppRoutes } from './http/web-app-routes.js';
import { createBudgets, memoryLimiterFactory, type LimiterFactory } from './limits/budgets.js';
import { createSessionTokens } from './realtime/session-token.js';
import { socketIoPlugin } from './realtime/socket-io-plugin.js';
import type { MessageStore } from './storage/message-store.js';
import { storeFromConfig } from './store-from-config.js';

/** How long a name stays reserved for its session after its last connection closes. */
export const NAME_GRACE_MS = 2 * 60_000;

export interface BuildServerOptions {
  config: Config;
  /** Injected store; closed by the caller. Default: the one `config.store` names, closed with the server. */
  store?: MessageStore;
  /** The clock that stamps messages. */
  now?: () => Date;
  /** Fastify's logger option; default: pino at `config.logLevel`. */
  logger?: FastifyServerOptions['logger'];
  /** Makes the rate limiters; default in memory. Inject a Redis-backed one to share them across nodes. */
  limiterFactory?: LimiterFactory;
  /** See {@link NAME_GRACE_MS}. */
  nameGraceMs?: number;
}

/** Builds the whole server, ready but not listening: `main.ts` listens, tests listen on port 0. */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { config } = options;
  // Long-polling makes a request every few seconds per client: logging each would drown the rest.
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    logController: new LogController({ disableRequestLogging: true }),
  });

  const store = options.store ?? storeFromConfig(config.store);
  if (!options.store) app.addHook('onClose', () => store.close());

  const presence = createPresence();
  const roomLog = createRoomLog({ store, now: options.now ?? (() => new Date()) });
  const directory = await createRoomDirectory({ store, presence });
  const budgets = createBudgets(config.limits, options.limiterFactory ?? memoryLimiterFactory);
  const tokens = createSessionTokens(config.sessionSecret);
  const names = createNameRegistry({ graceMs: options.nameGraceMs ?? NAME_GRACE_MS });

  app.setErrorHandler(errorHandler);
  await app.register(securityHeaders, { webRoot: config.webRoot });
  await app.register(socketIoPlugin, {
    config,
    roomLog,
    presence,
    directory,
    budgets,
    tokens,
    names,
  });
  await app.register(healthRoutes, { store });
  await app.register(roomRoutes, { roomLog, directory });
  await app.register(exportRoutes, { store });
  await app.register(webAppRoutes, { webRoot: config.webRoot });
  await app.ready();
  return app;
}
