import type { FastifyBaseLogger } from 'fastify';
import { ErrorCode } from '@roomlog/protocol';
import type { Limits } from '../config.js';
import { DomainError } from '../domain/domain-error.js';
import type { Presence } from '../domain/presence.js';
import type { PresenceGrace } from './presence-grace.js';
import type { RoomDirectory } from '../domain/room-directory.js';
import type { RoomLog } from '../domain/room-log.js';
import { TYPING_PER_MINUTE, type Budgets } from '../limits/budgets.js';
import { COMMANDS_PER_WINDOW, WINDOW_MS, installCommandGate } from './command-gate.js';
import { defineCommand, type CommandContext } from './define-command.js';
import { dropConnection } from './drop-connection.js';
import { watchOutboundQueue } from './outbound-cap.js';
import type { RoomlogServer, RoomlogSocket } from './types.js';

/** The server relays one `typing:start` per connection and room at most this often. */
export const TYPING_THROTTLE_MS = 1500;

export interface HandlerDeps {
  io: RoomlogServer;
  roomLog: RoomLog;
  presence: Presence;
  grace: PresenceGrace;
  directory: RoomDirectory;
  budgets: Budgets;
  limits: Limits;
  logger: FastifyBaseLogger;
}

/** Wires one connection's commands: gate → validate → budget → domain → ack → broadcast. */
export function registerHandlers(socket: RoomlogSocket, deps: HandlerDeps): void {
  const { io, roomLog, presence, grace, directory, budgets, limits, logger } = deps;
  const log = logger.child({ socket: socket.id, name: socket.data.name });
  const dropped = { value: false };

  const queue = watchOutboundQueue(socket, limits.maxQueuedBytes, (bytes) =>
    dropConnection(
      socket,
      {
        code: 'SLOW_CONSUMER',
        message: `${bytes} bytes queued unread; catch up after reconnecting`,
      },
      log,
      dropped,
    ),
  );
  const guard = installCommandGate(socket, {
    commandsPerWindow: commandsPerWindow(limits),
    queuedBytes: queue.bytes,
    maxQueuedBytes: limits.maxQueuedBytes,
    isDropped: () => dropped.value,
    onFlood: () =>
      dropConnection(
        socket,
        { code: 'RATE_LIMITED', message: 'too many refused commands: slow down' },
        log,
        dropped,
      ),
  });
  const context: CommandContext = { log, budgets, guard };

  // Presence is shared between nodes; a change goes to the room on every node, one name at a time.
  const name = socket.data.name;
  const joined = (room: string) => io.to(room).emit('member:joined', { room, name });
  const left = (room: string) => io.to(room).emit('member:left', { room, name });

  defineCommand(
    socket,
    'room:join',
    async (s, { room, since }) => {
      // socket.rooms includes the socket's own room.
      if (!s.rooms.has(room) && s.rooms.size - 1 >= limits.roomsPerConnection) {
        throw new DomainError(
          ErrorCode.TOO_MANY_ROOMS,
          `a connection may be in ${limits.roomsPerConnection} rooms: leave one first`,
        );
      }
      // Join before reading: a message committed meanwhile is then both in the page and
      // broadcast to us (deduped by seq on the client), never in neither.
      await s.join(room);
      // Back within the grace after a drop: still a member, so announce only the return.
      if ((await presence.add(room, s.id, name)) || grace.returned(room, name)) joined(room);
      // Gone while joining: its disconnect cleanup may have run before the add, so undo it here.
      if (s.disconnected && (await presence.remove(room, s.id))) left(room);
      const { head, messages } = await roomLog.snapshot(room, since);
      const members = (await presence.members(room)).map((m) =>
        grace.isAway(room, m.name) ? { ...m, away: true } : m,
      );
      return { room, head, messages, members };
    },
    context,
    'join',
  );

  defineCommand(
    socket,
    'room:leave',
    async (s, { room }) => {
      await s.leave(room);
      // A real leave also ends the grace of this person's dropped connections in the room.
      const heldLeft = await grace.leave(room, name);
      if ((await presence.remove(room, s.id)) || heldLeft) left(room);
      return { room };
    },
    context,
    'join',
  );

  defineCommand(
    socket,
    'message:send',
    async (s, { room, id, text }) => {
      if (!s.rooms.has(room)) throw new DomainError(ErrorCode.NOT_IN_ROOM, `join "${room}" first`);
      // append resolves only after the commit; a retried id returns the stored message.
      const { message, created } = await roomLog.append({ room, id, text, author: s.data.name });
      if (created) {
        directory.recordMessage(room, message.seq);
        io.to(room).emit('message:created', message);
      }
      return { message };
    },
    context,
    'send',
  );

  defineCommand(
    socket,
    'room:history',
    async (_s, { room, before, after, limit }) => ({
      room,
      ...(await roomLog.history(room, { before, after, limit })),
    }),
    context,
    'history',
  );

  // The rooms are gone by `disconnect`; keep them for the grace.
  let roomsAtDrop: string[] = [];
  socket.on('disconnecting', () => {
    roomsAtDrop = [...socket.rooms].filter((room) => room !== socket.id);
  });
  // Answered at once: the client times the round trip (no budget; the command gate bounds it).
  defineCommand(socket, 'connection:ping', () => Promise.resolve({}), context);

  // At most one `member:typing` per room per TYPING_THROTTLE_MS from this connection.
  const typedAt = new Map<string, number>();
  defineCommand(
    socket,
    'typing:start',
    // eslint-disable-next-line @typescript-eslint/require-await -- async turns a thrown DomainError into the rejection defineCommand answers
    async (s, { room }) => {
      if (!s.rooms.has(room)) throw new DomainError(ErrorCode.NOT_IN_ROOM, `join "${room}" first`);
      const now = Date.now();
      const last = typedAt.get(room);
      if (last !== undefined && now - last < TYPING_THROTTLE_MS) return { room, broadcast: false };
      typedAt.set(room, now);
      s.to(room).emit('member:typing', { room, name });
      return { room, broadcast: true };
    },
    context,
    'typing',
  );

  socket.on('disconnect', (reason) => {
    if (reason === 'client namespace disconnect') {
      // A deliberate close is a real leave: announced at once.
      presence.removeConnection(socket.id).then(
        (rooms) => rooms.forEach(left),
        (err: unknown) => log.error({ err }, 'presence: could not remove a connection'),
      );
      return;
    }
    grace.hold(socket.id, name, roomsAtDrop);
    grace.track(
      announceAway(roomsAtDrop).catch((err: unknown) =>
        log.warn({ err }, 'presence: could not announce an away member'),
      ),
    );
  });

  // Away only where no other connection of the same person (on any node) is still in the room.
  async function announceAway(rooms: readonly string[]): Promise<void> {
    for (const room of rooms) {
      if (!grace.isAway(room, name)) continue;
      const sockets = await io.in(room).fetchSockets();
      if (sockets.some((other) => other.data.name === name)) {
        grace.returned(room, name);
        continue;
      }
      if (!grace.isAway(room, name)) continue;
      io.to(room).emit('member:away', { room, name });
      grace.announcedAway(room, name);
    }
  }
}

// The per-connection window never bites before the per-person budgets would: it only stops
// commands that spend no budget (invalid, unknown, refused) from arriving without end.
function commandsPerWindow(limits: Limits): number {
  const windows = 60_000 / WINDOW_MS;
  const budgeted =
    limits.send.burst +
    (limits.send.perSecond * WINDOW_MS) / 1000 +
    (limits.joinsPerMinute + limits.historyPerMinute + TYPING_PER_MINUTE) / windows;
  return Math.max(COMMANDS_PER_WINDOW, Math.ceil(budgeted));
}
