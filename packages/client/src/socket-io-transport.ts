import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientCommand,
  type ClientToServerEvents,
  type CommandPayload,
  type CommandResult,
  type ServerToClientEvents,
} from '@roomlog/protocol';
import {
  AckTimeoutError,
  OfflineError,
  type Transport,
  type TransportKind,
  type TransportListener,
} from './transport.js';

/** The typed Socket.IO client of the Roomlog protocol. */
export type RoomlogSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SocketIoTransportOptions {
  /** The server's origin; default: the page's own origin. */
  url?: string | undefined;
  /** The display name sent in the handshake. */
  name: string;
  /** Default: Socket.IO's order (long-polling, then the WebSocket upgrade). `['polling']` forces long-polling. */
  transports?: ('polling' | 'websocket')[] | undefined;
  /** The protocol version sent in the handshake; only tests change it. */
  protocol?: number;
  /** Where the session token (from `session:started`) is kept; default: in memory only. */
  session?: SessionTokenStorage | undefined;
}

/** Keeps the server's session token, which binds the name to this person across reconnects. */
export interface SessionTokenStorage {
  load(): string | null;
  save(token: string): void;
  /** This client's own random key, made and saved on first use (see `HandshakeAuth.clientKey`). */
  clientKey?(): string;
}

/** The Socket.IO adapter of {@link Transport}. */
export class SocketIoTransport implements Transport {
  /** The socket itself, for tests that cut or watch the wire. */
  readonly socket: RoomlogSocket;
  private listener: TransportListener | null = null;
  private readonly inFlight = new Set<(err: Error) => void>();

  constructor(options: SocketIoTransportOptions) {
    let token = options.session?.load() ?? null;
    const clientKey = options.session?.clientKey?.();
    const protocol = options.protocol ?? PROTOCOL_VERSION;
    const settings = {
      autoConnect: false,
      // The engine reconnects: Socket.IO would not after a server-side close ("io server
      // disconnect", i.e. every graceful stop), and two reconnect loops would fight.
      reconnection: false,
      // A function, so every reconnect presents the newest session token.
      auth: (cb: (auth: object) => void) =>
        cb({
          name: options.name,
          protocol,
          ...(token ? { token } : {}),
          ...(clientKey ? { clientKey } : {}),
        }),
      ...(options.transports ? { transports: options.transports } : {}),
    };
    this.socket = options.url ? io(options.url, settings) : io(settings);
    const socket = this.socket;
    socket.on('connect', () => {
      const engine = socket.io.engine;
      engine.once('upgrade', (transport: { name: string }) => {
        if (socket.connected) this.listener?.upgraded(kindOf(transport.name));
      });
      this.listener?.connected(kindOf(engine.transport.name));
    });
    socket.on('disconnect', (reason) => {
      this.abortAll();
      this.listener?.disconnected(reason);
    });
    socket.on('connect_error', (err: Error & { data?: { code?: unknown } }) => {
      const code = typeof err.data?.code === 'string' ? err.data.code : null;
      this.listener?.connectFailed({ message: err.message, code });
    });
    socket.on('session:started', (session) => {
      token = session.token;
      options.session?.save(session.token);
    });
    socket.on('message:created', (message) => this.listener?.messageCreated(message));
    socket.on('member:joined', (change) => this.listener?.memberJoined(change));
    socket.on('member:typing', (change) => this.listener?.memberTyping(change));
    socket.on('member:away', (change) => this.listener?.memberAway(change));
    socket.on('member:left', (change) => this.listener?.memberLeft(change));
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  listen(listener: TransportListener | null): void {
    this.listener = listener;
  }

  connect(): void {
    this.socket.connect();
  }

  disconnect(): void {
    this.socket.disconnect();
    // Socket.IO emits no `disconnect` for a socket that was still connecting.
    this.abortAll();
  }

  request<E extends ClientCommand>(
    event: E,
    payload: CommandPayload<E>,
    timeoutMs: number,
  ): Promise<Ack<CommandResult<E>>> {
    // Checked first: Socket.IO would otherwise buffer the emit and replay it blindly later.
    if (!this.socket.connected) return Promise.reject(new OfflineError('not connected'));
    return new Promise((resolve, reject) => {
      const settle = (err: Error | null, reply?: Ack<CommandResult<E>>) => {
        clearTimeout(timer);
        if (!this.inFlight.delete(abort)) return;
        if (err) reject(err);
        else if (reply) resolve(reply);
        else reject(new Error(`${event}: empty ack`));
      };
      const abort = (err: Error) => settle(err);
      const timer = setTimeout(() => settle(new AckTimeoutError(`${event}: no ack`)), timeoutMs);
      this.inFlight.add(abort);
      const emit = this.socket.emit.bind(this.socket) as GenericEmit;
      emit(event, payload, (reply) => settle(null, reply as Ack<CommandResult<E>>));
    });
  }

  private abortAll(): void {
    for (const abort of [...this.inFlight]) abort(new OfflineError('disconnected'));
  }
}

// Socket.IO's typed emit resolves the payload and ack per literal event name, so it cannot take
// an event that is a type parameter; the request's own signature keeps payload and reply typed.
type GenericEmit = (
  event: ClientCommand,
  payload: unknown,
  ack: (reply: unknown) => void,
) => unknown;

function kindOf(name: string): TransportKind {
  return name === 'websocket' || name === 'webtransport' ? 'websocket' : 'polling';
}

/** Creates (but does not connect) a Socket.IO transport with the handshake `auth` the server expects. */
export function createSocketIoTransport(options: SocketIoTransportOptions): SocketIoTransport {
  return new SocketIoTransport(options);
}
