import type { FastifyBaseLogger } from 'fastify';
import { ErrorCode } from '@roomlog/protocol';
import { DomainError } from '../domain/domain-error.js';
import type { Presence } from '../domain/presence.js';
import type { RateLimiter } from '../domain/rate-limiter.js';
import type { RoomLog } from '../domain/room-log.js';
import { defineCommand, rejectUnknownEvents } from './define-command.js';
import type { RoomlogServer, RoomlogSocket } from './types.js';

export interface HandlerDeps {
  io: RoomlogServer;
  roomLog: RoomLog;
  presence: Presence;
  sendLimiter: RateLimiter;
  logger: FastifyBaseLogger;
}

/** Wires one connection's commands: validate → domain → ack → broadcast. */
export function registerHandlers(socket: RoomlogSocket, deps: HandlerDeps): void {
  const { io, roomLog, presence, sendLimiter, logger } = deps;
  const log = logger.child({ socket: socket.id, name: socket.data.name });

  // Presence is shared between nodes; a change goes to the room on every node, one name at a time.
  const name = socket.data.name;
  const joined = (room: string) => io.to(room).emit('member:joined', { room, name });
  const left = (room: string) => io.to(room).emit('member:left', { room, name });

  defineCommand(
    socket,
    'room:join',
    async (s, { room, since }) => {
      // Join before reading: a message committed meanwhile is then both in the page and
      // broadcast to us (deduped by seq on the client), never in neither.
      await s.join(room);
      if (await presence.add(room, s.id, name)) joined(room);
      // Gone while joining: its disconnect cleanup may have run before the add, so undo it here.
      if (s.disconnected && (await presence.remove(room, s.id))) left(room);
      const { head, messages } = await roomLog.snapshot(room, since);
      return { room, head, messages, members: await presence.members(room) };
    },
    log,
  );

  defineCommand(
    socket,
    'room:leave',
    async (s, { room }) => {
      await s.leave(room);
      if (await presence.remove(room, s.id)) left(room);
      return { room };
    },
    log,
  );

  defineCommand(
    socket,
    'message:send',
    async (s, { room, id, text }) => {
      if (!s.rooms.has(room)) throw new DomainError(ErrorCode.NOT_IN_ROOM, `join "${room}" first`);
      if (!sendLimiter.take(s.id)) {
        throw new DomainError(ErrorCode.RATE_LIMITED, 'too many messages: wait a moment and retry');
      }
      // append resolves only after the commit; a retried id returns the stored message.
      const { message, created } = await roomLog.append({ room, id, text, author: s.data.name });
      if (created) io.to(room).emit('message:created', message);
      return { message };
    },
    log,
  );

  defineCommand(
    socket,
    'room:history',
    async (_s, { room, before, after, limit }) => ({
      room,
      ...(await roomLog.history(room, { before, after, limit })),
    }),
    log,
  );

  rejectUnknownEvents(socket);

  socket.on('disconnect', () => {
    sendLimiter.forget(socket.id);
    presence.removeConnection(socket.id).then(
      (rooms) => rooms.forEach(left),
      (err: unknown) => log.error({ err }, 'presence: could not remove a connection'),
    );
  });
}
