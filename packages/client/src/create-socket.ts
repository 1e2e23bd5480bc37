import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '@roomlog/protocol';

/** The typed Socket.IO client of the Roomlog protocol. */
export type RoomlogSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface CreateSocketOptions {
  /** The server's origin; default: the page's own origin. */
  url?: string;
  /** The display name sent in the handshake. */
  name: string;
  /** Default: Socket.IO's order (long-polling, then the WebSocket upgrade). `['polling']` forces long-polling. */
  transports?: ('polling' | 'websocket')[];
}

/** Creates (but does not connect) a socket with the handshake `auth` the server expects. */
export function createRoomlogSocket(options: CreateSocketOptions): RoomlogSocket {
  const settings = {
    autoConnect: false,
    auth: { name: options.name, protocol: PROTOCOL_VERSION },
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    ...(options.transports ? { transports: options.transports } : {}),
  };
  return options.url ? io(options.url, settings) : io(settings);
}
