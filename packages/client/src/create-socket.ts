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
  /** Where the session token (from `session:started`) is kept; default: in memory only. */
  session?: SessionTokenStorage;
}

/** Keeps the server's session token, which binds the name to this person across reconnects. */
export interface SessionTokenStorage {
  load(): string | null;
  save(token: string): void;
}

/** Creates (but does not connect) a socket with the handshake `auth` the server expects. */
export function createRoomlogSocket(options: CreateSocketOptions): RoomlogSocket {
  let token = options.session?.load() ?? null;
  const settings = {
    autoConnect: false,
    // A function, so every reconnect presents the newest token.
    auth: (cb: (auth: object) => void) =>
      cb({ name: options.name, protocol: PROTOCOL_VERSION, ...(token ? { token } : {}) }),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    ...(options.transports ? { transports: options.transports } : {}),
  };
  const socket: RoomlogSocket = options.url ? io(options.url, settings) : io(settings);
  socket.on('session:started', (session) => {
    token = session.token;
    options.session?.save(session.token);
  });
  return socket;
}
