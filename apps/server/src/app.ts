import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import { createPresence } from './domain/presence.js';
import { createRateLimiter } from './domain/rate-limiter.js';
import { createRoomLog } from './domain/room-log.js';
import { errorHandler } from './http/error-handler.js';
import { healthRoutes } from './http/health-routes.js';
import { roomRoutes } from './http/room-routes.js';
import { webAppRoutes } from './http/web-app-routes.js';
import { socketIoPlugin } from './realtime/socket-io-plugin.js';
import type { MessageStore } from './storage/message-store.js';
import { storeFromConfig } from './store-from-config.js';

export interface BuildServerOptions {
  config: Config;
  /** Injected store; closed by the caller. Default: the one `config.store` names, closed with the server. */
  store?: MessageStore;
  /** The clock that stamps messages. */
  now?: () => Date;
  /** Fastify's logger option; default: pino at `config.logLevel`. */
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole server, ready but not listening: `main.ts` listens, tests listen on port 0. */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const { config } = options;
  // Long-polling makes a request every few seconds per client: logging each would drown the rest.
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    disableRequestLogging: true,
  });

  const store = options.store ?? (await storeFromConfig(config.store));
  if (!options.store) app.addHook('onClose', () => store.close());

  const presence = createPresence();
  const roomLog = createRoomLog({ store, now: options.now ?? (() => new Date()) });
  const sendLimiter = createRateLimiter(config.sendRate);

  app.setErrorHandler(errorHandler);
  await app.register(socketIoPlugin, { roomLog, presence, sendLimiter });
  await app.register(healthRoutes, { store });
  await app.register(roomRoutes, { store, roomLog, presence });
  await app.register(webAppRoutes, { webRoot: config.webRoot });
  await app.ready();
  return app;
}
