import {
  SyncClient,
  createMemoryOutboxStorage,
  createSocketIoTransport,
  type RoomView,
  type SocketIoTransport,
  type SyncClientOptions,
  type Transport,
  type TransportListener,
} from '@roomlog/client';
import type { Ack, ClientCommand, CommandPayload, CommandResult } from '@roomlog/protocol';

/**
 * The real Socket.IO transport with a switch a test can flip to play a network loss (connection
 * attempts fail until `online`), and a count of the `message:send` acks actually received.
 */
export class TestTransport implements Transport {
  offline = false;
  /** message id → ok acks received for it. */
  readonly acked = new Map<string, number>();
  private listener: TransportListener | null = null;

  constructor(readonly real: SocketIoTransport) {}

  get socket() {
    return this.real.socket;
  }
  get connected() {
    return this.real.connected;
  }
  listen(listener: TransportListener | null) {
    this.listener = listener;
    this.real.listen(listener);
  }
  connect() {
    if (!this.offline) return this.real.connect();
    setTimeout(() => this.listener?.connectFailed({ message: 'offline (test)', code: null }), 10);
  }
  disconnect() {
    this.real.disconnect();
  }
  async request<E extends ClientCommand>(
    event: E,
    payload: CommandPayload<E>,
    timeoutMs: number,
  ): Promise<Ack<CommandResult<E>>> {
    const reply = await this.real.request(event, payload, timeoutMs);
    if (event === 'message:send' && reply.ok) {
      const { id } = payload as CommandPayload<'message:send'>;
      this.acked.set(id, (this.acked.get(id) ?? 0) + 1);
    }
    return reply;
  }
  /** Cuts the connection like a network loss, and keeps it down until `goOnline`. */
  goOffline() {
    this.offline = true;
    this.real.socket.io.engine.close();
  }
  goOnline() {
    this.offline = false;
  }
}

export interface Person {
  client: SyncClient;
  transport: TestTransport;
  /** The Socket.IO socket under the transport. */
  socket: SocketIoTransport['socket'];
}

/** A real sync client over a real Socket.IO connection, with an in-memory outbox. */
export async function syncPerson(
  url: string,
  name: string,
  options: Partial<SyncClientOptions> & {
    transports?: ('polling' | 'websocket')[];
    protocol?: number;
  } = {},
): Promise<Person> {
  const { transports, protocol, ...rest } = options;
  const transport = new TestTransport(
    createSocketIoTransport({
      url,
      name,
      transports: transports ?? ['websocket'],
      ...(protocol === undefined ? {} : { protocol }),
    }),
  );
  const client = new SyncClient({
    transport,
    name,
    outbox: createMemoryOutboxStorage(),
    retryDelayMs: 50,
    reconnectDelayMs: { minMs: 50, maxMs: 1000 },
    ...rest,
  });
  await client.start();
  return { client, transport, socket: transport.socket };
}

/** Resolves with the room's view once `predicate` holds (checked after every change). */
export function waitForRoom(
  client: SyncClient,
  room: string,
  predicate: (view: RoomView) => boolean,
  timeoutMs = 20_000,
): Promise<RoomView> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const view = client.getRoom(room);
      if (view && predicate(view)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(view);
      }
    };
    const timer = setTimeout(() => {
      unsubscribe();
      const view = client.getRoom(room);
      reject(
        new Error(
          `timed out waiting for ${room}: status=${view?.status} head=${view?.head} held=${view?.messages.length} pending=${view?.pending.length}`,
        ),
      );
    }, timeoutMs);
    const unsubscribe = client.subscribe(check);
    check();
  });
}

/** Waits until the client is connected. */
export function waitForConnection(
  client: SyncClient,
  state: SyncClient['connection']['state'] = 'connected',
  timeoutMs = 10_000,
) {
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (client.connection.state !== state) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`not ${state} after ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = client.subscribe(check);
    check();
  });
}

/** The seqs of a view, for comparing with 1..n. */
export const seqs = (view: RoomView) => view.messages.map((m) => m.seq);
export const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
