import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '@roomlog/protocol';

/** Between nodes, through the Redis adapter: re-check rooms' heads after a Redis outage. */
interface InterServerEvents {
  'roomlog:recheck-heads': () => void;
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
