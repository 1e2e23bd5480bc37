import fp from 'fastify-plugin';
import { Server, type ServerOptions } from 'socket.io';
import type { Presence } from '../domain/presence.js';
import type { RateLimiter } from '../domain/rate-limiter.js';
import type { RoomLog } from '../domain/room-log.js';
import { checkHandshake } from './handshake.js';
import { registerHandlers } from './register-handlers.js';
import type { RoomlogServer } from './types.js';

declare module 'fastify' {
  interface FastifyInstance {
    io: RoomlogServer;
  }
}

export interface SocketIoPluginOptions {
  roomLog: RoomLog;
  presence: Presence;
  sendLimiter: RateLimiter;
  /** The Redis Streams adapter on a multi-node set-up; Socket.IO's in-memory one otherwise. */
  adapter?: ServerOptions['adapter'] | undefined;
  /** True while draining for a stop: new connections are refused (HAProxy sends them elsewhere). */
  draining?: () => boolean;
}

// A message is at most ~12 kB of UTF-8 (4000 UTF-16 units), but long-polling batches several
// packets into one POST, so leave room for a burst; anything larger is not a Roomlog client.
const MAX_HTTP_BUFFER_SIZE = 512 * 1024;

/**
 * Attaches Socket.IO to Fastify's HTTP server (both transports: long-polling first, then
 * the WebSocket upgrade) and closes it with Fastify. Our own small plugin: fastify-socket.io is
 * unmaintained.
 */
export const socketIoPlugin = fp<SocketIoPluginOptions>(
  async (fastify, { roomLog, presence, sendLimiter, adapter, draining }) => {
    const io: RoomlogServer = new Server(fastify.server, {
      transports: ['polling', 'websocket'],
      serveClient: false,
      maxHttpBufferSize: MAX_HTTP_BUFFER_SIZE,
      ...(adapter ? { adapter } : {}),
      // Called for new sessions only: sessions already open keep working until we close them.
      allowRequest: (_req, callback) =>
        draining?.() ? callback('server is shutting down', false) : callback(null, true),
    });
    io.use(checkHandshake);
    io.on('connection', (socket) => {
      registerHandlers(socket, { io, roomLog, presence, sendLimiter, logger: fastify.log });
    });
    fastify.decorate('io', io);
    // Drop clients first so open long-polling requests do not hold Fastify's close.
    fastify.addHook('preClose', async () => {
      io.local.disconnectSockets(true);
    });
    fastify.addHook('onClose', async () => {
      // Not io.close(): that would also close Fastify's HTTP server, which Fastify closes itself.
      io.engine.close();
      await io.of('/').adapter.close();
    });
  },
  { name: 'roomlog-socket-io' },
);
