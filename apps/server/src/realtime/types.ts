import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '@roomlog/protocol';

/** Between nodes, through the Redis adapter. */
interface InterServerEvents {
  /** Re-check rooms' heads after a Redis outage (see head-recheck.ts). */
  'roomlog:recheck-heads': () => void;
  /** The presence grace of a person, shared (see presence-grace.ts). */
  'roomlog:member-away': (room: string, name: string) => void;
  'roomlog:member-back': (room: string, name: string) => void;
  'roomlog:member-leave': (room: string, name: string) => void;
}

export type RoomlogServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type RoomlogSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
