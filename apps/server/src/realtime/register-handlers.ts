import type { FastifyBaseLogger } from 'fastify';
import { ErrorCode, type DropPayload } from '@roomlog/protocol';
import type { Limits } from '../config.js';
import { DomainError } from '../domain/domain-error.js';
import type { Presence } from '../domain/presence.js';
import type { MemberAnnouncer } from './member-announcer.js';
import { memberList } from './member-list.js';
import type { PresenceGrace } from './presence-grace.js';
import type { RoomDirectory } from '../domain/room-directory.js';
import type { RoomLog } from '../domain/room-log.js';
import { TYPING_PER_MINUTE, type Budgets } from '../limits/budgets.js';
import {
  COMMANDS_PER_WINDOW,
  WINDOW_MS,
  installCommandGate,
  type ConnectionGuard,
} from './command-gate.js';
import { defineCommand, type CommandContext } from './define-command.js';
import { dropConnection } from './drop-connection.js';
import { createPacketSizer, watchOutboundQueue } from './outbound-cap.js';
import type { RoomlogServer, RoomlogSocket } from './types.js';

/** The server relays one `typing:start` per connection and room at most this often. */
export const TYPING_THROTTLE_MS = 1500;

export interface HandlerDeps {
  io: RoomlogServer;
  roomLog: RoomLog;
  presence: Presence;
  grace: PresenceGrace;
  members: MemberAnnouncer;
  directory: RoomDirectory;
  budgets: Budgets;
  limits: Limits;
  logger: FastifyBaseLogger;
}

/** What one connection keeps of its own (the rest is shared by every connection). */
interface ConnectionState {
  guard: ConnectionGuard;
  /** Rooms at `disconnecting`: they are gone by `disconnect`, and the grace needs them. */
  roomsAtDrop: string[];
  /** When this connection last relayed `typing:start`, per room; made on first use. */
  typedAt: Map<string, number> | null;
}

/**
 * Builds the command listeners once per server and returns what wires one connection: gate →
 * validate → budget → domain → ack → broadcast. A connection holds only its gate, its outbound
 * queue watch and a small state object; its logger is made when something is logged.
 */
export function createConnectionHandlers(deps: HandlerDeps): (socket: RoomlogSocket) => void {
  const { io, roomLog, presence, grace, members, directory, budgets, limits, logger } = deps;
  const connections = new WeakMap<RoomlogSocket, ConnectionState>();
  const stateOf = (socket: RoomlogSocket): ConnectionState => {
    const state = connections.get(socket);
    if (!state) throw new Error(`no state for socket ${socket.id}`);
    return state;
  };
  const logOf = (socket: RoomlogSocket) =>
    logger.child({ socket: socket.id, name: socket.data.name });
  const context: CommandContext = { budgets, guardOf: (s) => stateOf(s).guard, logOf };

  // Presence is shared between nodes; a change goes to the room on every node, gathered by `members`.
  const joined = (room: string, name: string) => members.announce('member:joined', room, name);
  const left = (room: string, name: string) => members.announce('member:left', room, name);

  const commands = [
    defineCommand(
      'room:join',
      async (s, { room, since }) => {
        const name = s.data.name;
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
        if ((await presence.add(room, s.id, name)) || grace.returned(room, name))
          joined(room, name);
        // Gone while joining: its disconnect cleanup may have run before the add, so undo it here.
        if (s.disconnected && (await presence.remove(room, s.id))) left(room, name);
        const { head, messages } = await roomLog.snapshot(room, since);
        return { room, head, messages, ...(await memberList(presence, grace, room)) };
      },
      context,
      'join',
    ),
    defineCommand(
      'room:leave',
      async (s, { room }) => {
        await s.leave(room);
        // A real leave also ends the grace of this person's dropped connections in the room.
        const heldLeft = await grace.leave(room, s.data.name);
        if ((await presence.remove(room, s.id)) || heldLeft) left(room, s.data.name);
        return { room };
      },
      context,
      'join',
    ),
    defineCommand(
      'message:send',
      async (s, { room, id, text }) => {
        if (!s.rooms.has(room))
          throw new DomainError(ErrorCode.NOT_IN_ROOM, `join "${room}" first`);
        // append resolves only after the commit; a retried id returns the stored message.
        const { message, created } = await roomLog.append({ room, id, text, author: s.data.name });
        if (created) {
          directory.recordMessage(room, message.seq);
          io.to(room).emit('message:created', message);
        }
        // The message ends the sender's "typing" where it arrives: their next keystroke may say so again.
        stateOf(s).typedAt?.delete(room);
        return { message };
      },
      context,
      'send',
    ),
    defineCommand(
      'room:history',
      async (_s, { room, before, after, limit }) => ({
        room,
        ...(await roomLog.history(room, { before, after, limit })),
      }),
      context,
      'history',
    ),
    // Answered at once: the client times the round trip (no budget; the command gate bounds it).
    defineCommand('connection:ping', () => Promise.resolve({}), context),
    // At most one `member:typing` per room per TYPING_THROTTLE_MS from this connection (a send in
    // the room ends the interval).
    defineCommand(
      'typing:start',
      // eslint-disable-next-line @typescript-eslint/require-await -- async turns a thrown DomainError into the rejection defineCommand answers
      async (s, { room }) => {
        if (!s.rooms.has(room))
          throw new DomainError(ErrorCode.NOT_IN_ROOM, `join "${room}" first`);
        const state = stateOf(s);
        const typedAt = (state.typedAt ??= new Map<string, number>());
        const now = Date.now();
        const last = typedAt.get(room);
        if (last !== undefined && now - last < TYPING_THROTTLE_MS)
          return { room, broadcast: false };
        typedAt.set(room, now);
        s.to(room).emit('member:typing', { room, name: s.data.name });
        return { room, broadcast: true };
      },
      context,
      'typing',
    ),
  ];

  // Away only where no other connection of the same person (on any node) is still in the room.
  async function announceAway(name: string, rooms: readonly string[]): Promise<void> {
    for (const room of rooms) {
      if (!grace.isAway(room, name)) continue;
      const sockets = await io.in(room).fetchSockets();
      if (sockets.some((other) => other.data.name === name)) {
        grace.returned(room, name);
        continue;
      }
      if (!grace.isAway(room, name)) continue;
      members.announce('member:away', room, name);
      grace.announcedAway(room, name);
    }
  }

  // Shared like the commands: Node's EventEmitter calls them with the socket as `this`.
  function onDisconnecting(this: RoomlogSocket): void {
    stateOf(this).roomsAtDrop = [...this.rooms].filter((room) => room !== this.id);
  }
  function onDisconnect(this: RoomlogSocket, reason: string): void {
    const name = this.data.name;
    if (reason === 'client namespace disconnect') {
      // A deliberate close is a real leave: announced at once.
      presence.removeConnection(this.id).then(
        (rooms) => rooms.forEach((room) => left(room, name)),
        (err: unknown) => logOf(this).error({ err }, 'presence: could not remove a connection'),
      );
      return;
    }
    const rooms = stateOf(this).roomsAtDrop;
    grace.hold(this.id, name, rooms);
    grace.track(
      announceAway(name, rooms).catch((err: unknown) =>
        logOf(this).warn({ err }, 'presence: could not announce an away member'),
      ),
    );
  }

  const sizeOf = createPacketSizer();

  return (socket) => {
    const dropped = { value: false };
    const drop = (reason: DropPayload) => dropConnection(socket, reason, logOf(socket), dropped);
    const queue = watchOutboundQueue(
      socket,
      limits.maxQueuedBytes,
      (bytes) =>
        drop({
          code: 'SLOW_CONSUMER',
          message: `${bytes} bytes queued unread; catch up after reconnecting`,
        }),
      sizeOf,
    );
    const guard = installCommandGate(socket, {
      commandsPerWindow: commandsPerWindow(limits),
      queuedBytes: queue.bytes,
      maxQueuedBytes: limits.maxQueuedBytes,
      isDropped: () => dropped.value,
      onFlood: () =>
        drop({ code: 'RATE_LIMITED', message: 'too many refused commands: slow down' }),
    });
    connections.set(socket, { guard, roomsAtDrop: [], typedAt: null });
    // Socket.IO's typed on() cannot take a listener for an event union; each is typed where built.
    for (const [event, listener] of commands) socket.on(event, listener);
    socket.on('disconnecting', onDisconnecting);
    socket.on('disconnect', onDisconnect);
  };
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
