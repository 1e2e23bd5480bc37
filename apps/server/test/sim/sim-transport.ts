import {
  AckTimeoutError,
  OfflineError,
  type Transport,
  type TransportListener,
} from '@roomlog/client';
import type { Ack, ClientCommand, CommandPayload, CommandResult, Message } from '@roomlog/protocol';
import type { SimConnection } from './sim-connection.js';
import type { SimServer } from './sim-server.js';

/**
 * The engine's {@link Transport} over the simulated network. Like the Socket.IO adapter it never
 * reconnects by itself, and it tells the engine why a connection ended in Socket.IO's words
 * ("io server disconnect" after a graceful stop, "transport close" otherwise).
 */
export class SimTransport implements Transport {
  private listener: TransportListener | null = null;
  private connection: SimConnection | null = null;
  private attempting = false;
  private nextRequest = 0;
  private readonly inFlight = new Map<
    number,
    { settle: (err: Error | null, reply?: unknown) => void }
  >();

  constructor(
    private readonly server: SimServer,
    private readonly name: string,
    private readonly watch: {
      /** Every ok `message:send` ack the engine receives, by message id. */
      acked(id: string): void;
      /** Every message:created handed to the engine. */
      heard(message: Message): void;
    },
  ) {}

  get connected(): boolean {
    return this.connection !== null;
  }

  listen(listener: TransportListener | null): void {
    this.listener = listener;
  }

  connect(): void {
    if (this.connection || this.attempting) return;
    this.attempting = true;
    const { scheduler } = this.server;
    scheduler.after(this.server.delay(), () => {
      this.attempting = false;
      const connection = this.server.accept(this.name, {
        ack: (id, reply) => this.inFlight.get(id)?.settle(null, reply),
        messageCreated: (message) => {
          if (this.connection !== connection) return;
          this.watch.heard(message);
          this.listener?.messageCreated(message);
        },
        memberJoined: (change) => {
          if (this.connection === connection) this.listener?.memberJoined(change);
        },
        memberTyping: (change) => {
          if (this.connection === connection) this.listener?.memberTyping(change);
        },
        memberAway: (change) => {
          if (this.connection === connection) this.listener?.memberAway(change);
        },
        memberLeft: (change) => {
          if (this.connection === connection) this.listener?.memberLeft(change);
        },
        closed: (reason) => {
          if (this.connection !== connection) return;
          this.ended(reason);
        },
      });
      if (!connection) {
        this.listener?.connectFailed({ message: 'xhr poll error', code: null });
        return;
      }
      this.connection = connection;
      this.listener?.connected('websocket');
    });
  }

  disconnect(): void {
    const connection = this.connection;
    if (!connection) return;
    connection.drop('io client disconnect');
    this.ended('io client disconnect');
  }

  request<E extends ClientCommand>(
    event: E,
    payload: CommandPayload<E>,
    timeoutMs: number,
  ): Promise<Ack<CommandResult<E>>> {
    const connection = this.connection;
    if (!connection) return Promise.reject(new OfflineError('not connected'));
    const id = ++this.nextRequest;
    return new Promise((resolve, reject) => {
      const timer = this.server.scheduler.timers.setTimeout(
        () => settle(new AckTimeoutError(`${event}: no ack`)),
        timeoutMs,
      );
      const settle = (err: Error | null, reply?: unknown) => {
        if (!this.inFlight.delete(id)) return;
        this.server.scheduler.timers.clearTimeout(timer);
        if (err) return reject(err);
        const ack = reply as Ack<CommandResult<E>>;
        if (event === 'message:send' && ack.ok) {
          this.watch.acked((payload as CommandPayload<'message:send'>).id);
        }
        resolve(ack);
      };
      this.inFlight.set(id, { settle });
      connection.send(id, event, payload);
    });
  }

  private ended(reason: string): void {
    this.connection = null;
    for (const { settle } of [...this.inFlight.values()]) settle(new OfflineError('disconnected'));
    this.listener?.disconnected(reason);
  }
}
