import type { Ack, ClientCommand, MemberChange, MemberTyping, Message } from '@roomlog/protocol';
import type { SimServer } from './sim-server.js';

/** What a connection's client end hears (see SimTransport). */
export interface ClientEnd {
  ack(requestId: number, reply: Ack<unknown>): void;
  messageCreated(message: Message): void;
  memberJoined(change: MemberChange): void;
  memberAway(change: MemberChange): void;
  memberTyping(change: MemberTyping): void;
  memberLeft(change: MemberChange): void;
  closed(reason: string): void;
}

export interface NetworkFaults {
  maxDelayMs: number;
  /** Chance that the connection drops right before a `message:send` ack goes out. */
  lostAck: number;
}

/**
 * One connection through the simulated network. Client → server packets and the server's acks
 * each keep their order (one socket); message broadcasts take their own, independent delays, so
 * they reorder across rooms and against acks (more freely than one socket allows: the engine
 * must not depend on their order). Member events keep their order with the acks.
 */
export class SimConnection {
  alive = true;
  readonly rooms = new Set<string>();
  private lastUp = 0;
  private lastAck = 0;

  constructor(
    readonly id: string,
    readonly name: string,
    private readonly server: SimServer,
    private readonly client: ClientEnd,
  ) {}

  /** Client → server. */
  send(requestId: number, event: ClientCommand, payload: unknown): void {
    const { scheduler } = this.server;
    this.lastUp = Math.max(this.lastUp, scheduler.now + this.server.delay());
    scheduler.after(this.lastUp - scheduler.now, () => {
      if (this.alive) void this.server.handle(this, requestId, event, payload);
    });
  }

  reply(requestId: number, ack: Ack<unknown>): void {
    const { scheduler } = this.server;
    this.lastAck = Math.max(this.lastAck, scheduler.now + this.server.delay());
    scheduler.after(this.lastAck - scheduler.now, () => {
      if (this.alive) this.client.ack(requestId, ack);
    });
  }

  broadcast(deliver: (client: ClientEnd) => void): void {
    this.server.scheduler.after(this.server.delay(), () => {
      if (this.alive) deliver(this.client);
    });
  }

  /**
   * In order with the acks: what one node emits to one socket arrives in the order emitted. Member
   * events carry no sequence number, so unlike messages they are not reordered.
   */
  emitInOrder(deliver: (client: ClientEnd) => void): void {
    const { scheduler } = this.server;
    this.lastAck = Math.max(this.lastAck, scheduler.now + this.server.delay());
    scheduler.after(this.lastAck - scheduler.now, () => {
      if (this.alive) deliver(this.client);
    });
  }

  /** Ends the connection on both sides; the client hears `reason` a moment later. */
  drop(reason: string): void {
    if (!this.alive) return;
    this.alive = false;
    this.server.forget(this, reason);
    this.server.scheduler.after(this.server.delay(), () => this.client.closed(reason));
  }
}
