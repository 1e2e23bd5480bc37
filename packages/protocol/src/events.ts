import type { z } from 'zod';
import type { Ack } from './ack.js';
import {
  HistoryPayload,
  HistoryResult,
  JoinPayload,
  JoinResult,
  LeavePayload,
  LeaveResult,
  DropPayload,
  Message,
  MemberChange,
  MemberTyping,
  SessionPayload,
  SendPayload,
  SendResult,
  TypingPayload,
  PingPayload,
  PingResult,
  TypingResult,
} from './schemas.js';

/**
 * Client→server commands: each is emitted as `(payload, ack)` and answered with one
 * {@link Ack} of its result. The Socket.IO event map below is derived from this table.
 */
export const clientCommands = {
  'room:join': { payload: JoinPayload, result: JoinResult },
  'room:leave': { payload: LeavePayload, result: LeaveResult },
  'message:send': { payload: SendPayload, result: SendResult },
  'room:history': { payload: HistoryPayload, result: HistoryResult },
  'typing:start': { payload: TypingPayload, result: TypingResult },
  'connection:ping': { payload: PingPayload, result: PingResult },
} as const;

/** Server→client facts, named in the past tense. */
export const serverEvents = {
  /** A message was committed to a room's log; sent to everyone in the room, the sender too. */
  'message:created': Message,
  /** Sent once after every connect: the session token to present in the next handshakes. */
  'session:started': SessionPayload,
  /** The server is closing this connection, and why (flooding, or not reading its messages). */
  'connection:dropped': DropPayload,
  /**
   * These people's first connection to the room arrived (on any node). The full list comes only
   * in the `room:join` ack; after it, these events keep it current.
   */
  'member:joined': MemberChange,
  /**
   * These people's last connection to the room dropped without leaving: they stay members for a
   * grace period (reconnecting). A `member:joined` follows if they return, else `member:left`.
   */
  'member:away': MemberChange,
  /** These people's last connection to the room left (a leave, or the end of the grace), or their node died. */
  'member:left': MemberChange,
  /** Someone else in the room is typing (throttled; show it for a few seconds, never stored). */
  'member:typing': MemberTyping,
} as const;

export type ClientCommand = keyof typeof clientCommands;
export type ServerEvent = keyof typeof serverEvents;

/** What a client sends for a command (before normalisation). */
export type CommandPayload<E extends ClientCommand> = z.input<
  (typeof clientCommands)[E]['payload']
>;
/** What the server works with after validation (normalised). */
export type ParsedPayload<E extends ClientCommand> = z.output<
  (typeof clientCommands)[E]['payload']
>;
/** The `data` of a successful ack. */
export type CommandResult<E extends ClientCommand> = z.output<(typeof clientCommands)[E]['result']>;
export type ServerEventPayload<E extends ServerEvent> = z.output<(typeof serverEvents)[E]>;

/** Socket.IO's typed event map for client→server events. */
export type ClientToServerEvents = {
  [E in ClientCommand]: (
    payload: CommandPayload<E>,
    ack: (reply: Ack<CommandResult<E>>) => void,
  ) => void;
};

/** Socket.IO's typed event map for server→client events. */
export type ServerToClientEvents = {
  [E in ServerEvent]: (payload: ServerEventPayload<E>) => void;
};

/** Per-connection data the server keeps on `socket.data`. */
export interface SocketData {
  name: string;
  /** The session (person) the connection belongs to, from its token or new. */
  session: string;
  /** The client's address, as seen by the server. */
  address: string;
}
