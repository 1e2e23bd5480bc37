import fp from 'fastify-plugin';
import { Server, type ServerOptions } from 'socket.io';
import type { Config } from '../config.js';
import type { NameRegistry } from '../domain/name-registry.js';
import type { Presence } from '../domain/presence.js';
import { createPresenceGrace } from './presence-grace.js';
import type { RoomDirectory } from '../domain/room-directory.js';
import type { RoomLog } from '../domain/room-log.js';
import type { Budgets } from '../limits/budgets.js';
import { createAddressCounter, createAllowRequest } from './allow-request.js';
import { createClientAddressOf, type AddressSource } from './client-address.js';
import { createWriteCoalescer, type EngineConnection } from './coalesce-writes.js';
import { checkOutboundQueue } from './outbound-cap.js';
import { createHandshakeCheck } from './handshake.js';
import type { MemberAnnouncer } from './member-announcer.js';
import { createConnectionHandlers } from './register-handlers.js';
import type { SessionTokens } from './session-token.js';
import type { RoomlogServer } from './types.js';

declare module 'fastify' {
  interface FastifyInstance {
    io: RoomlogServer;
  }
}

export interface SocketIoPluginOptions {
  config: Config;
  roomLog: RoomLog;
  presence: Presence;
  directory: RoomDirectory;
  budgets: Budgets;
  tokens: SessionTokens;
  names: NameRegistry;
  /** Tells rooms who joined, dropped or left, a few changes per event. */
  members: MemberAnnouncer;
  /** The Redis Streams adapter on a multi-node set-up; Socket.IO's in-memory one otherwise. */
  adapter?: ServerOptions['adapter'] | undefined;
  /** True while draining for a stop: new connections are refused (HAProxy sends them elsewhere). */
  draining?: () => boolean;
  /** See {@link createWriteCoalescer}; off only to measure what it buys. */
  coalesceWrites: boolean;
}

// A message is at most ~16 kB of UTF-8 (4000 characters), but long-polling batches several
// packets into one POST, so leave room for a burst; anything larger is not a Roomlog client.
const MAX_HTTP_BUFFER_SIZE = 512 * 1024;

/**
 * Attaches Socket.IO to Fastify's HTTP server (both transports: long-polling first, then
 * the WebSocket upgrade) and closes it with Fastify. Our own small plugin: fastify-socket.io is
 * unmaintained.
 */
export const socketIoPlugin = fp<SocketIoPluginOptions>(
  async (
    fastify,
    {
      config,
      roomLog,
      presence,
      directory,
      budgets,
      tokens,
      names,
      members,
      adapter,
      draining,
      ...rest
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- Fastify waits on an async plugin's promise (a sync one must call `done`).
  ) => {
    const addresses = createAddressCounter();
    const addressOf = createClientAddressOf(config.trustedProxies);
    const io: RoomlogServer = new Server(fastify.server, {
      transports: ['polling', 'websocket'],
      serveClient: false,
      maxHttpBufferSize: MAX_HTTP_BUFFER_SIZE,
      ...(adapter ? { adapter } : {}),
      allowRequest: createAllowRequest({
        allowedOrigins: config.allowedOrigins,
        connectionsPerAddress: config.limits.connectionsPerAddress,
        addresses,
        addressOf,
        draining,
      }),
    });
    // Every connection's flushes go through it: the outbound cap counts there, coalescing or not.
    const writes = createWriteCoalescer({
      coalesce: rest.coalesceWrites,
      onQueued: checkOutboundQueue,
    });
    io.engine.on(
      'connection',
      (
        conn: EngineConnection & { request: AddressSource; once(e: 'close', f: () => void): void },
      ) => {
        writes.attach(conn);
        const address = addressOf(conn.request);
        addresses.open(address);
        conn.once('close', () => addresses.close(address));
      },
    );
    io.use(createHandshakeCheck({ tokens, names, addressOf }));
    const onLeft = (room: string, name: string) => members.announce('member:left', room, name);
    const onError = (err: unknown) =>
      fastify.log.error({ err }, 'presence: could not remove a connection');
    const grace = createPresenceGrace({
      graceMs: config.presenceGraceMs,
      presence,
      onLeft,
      onError,
      peers: adapter ? gracePeers(io) : undefined,
    });
    if (adapter) {
      io.on('roomlog:member-away', grace.fromPeer.away);
      io.on('roomlog:member-back', grace.fromPeer.back);
      io.on('roomlog:member-leave', (room, name) => {
        grace.fromPeer.leave(room, name).then((left) => left && onLeft(room, name), onError);
      });
    }
    const wireConnection = createConnectionHandlers({
      io,
      roomLog,
      presence,
      grace,
      members,
      directory,
      budgets,
      limits: config.limits,
      logger: fastify.log,
    });
    io.on('connection', (socket) => {
      wireConnection(socket);
      const { session, name } = socket.data;
      socket.emit('session:started', { token: tokens.issue({ session, name }), name });
    });
    fastify.decorate('io', io);
    // Drop clients first so open long-polling requests do not hold Fastify's close.
    fastify.addHook('preClose', (done) => {
      io.local.disconnectSockets(true);
      done();
    });
    fastify.addHook('onClose', async () => {
      // Not io.close(): that would also close Fastify's HTTP server, which Fastify closes itself.
      await grace.close();
      members.flush();
      writes.close();
      io.engine.close();
      await io.of('/').adapter.close();
    });
  },
  { name: 'roomlog-socket-io' },
);

// Several nodes: a person away on one node may come back, or leave, on another.
const gracePeers = (io: RoomlogServer) => ({
  away: (room: string, name: string) => io.serverSideEmit('roomlog:member-away', room, name),
  back: (room: string, name: string) => io.serverSideEmit('roomlog:member-back', room, name),
  leave: (room: string, name: string) => io.serverSideEmit('roomlog:member-leave', room, name),
});
