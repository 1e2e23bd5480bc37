import {
  ErrorCode,
  clientCommands,
  fail,
  ok,
  parsePayload,
  type Ack,
  type ClientCommand,
  type Message,
} from '@roomlog/protocol';
import { createMemoryPresence, type Presence } from '../../src/domain/presence.js';
import { createRoomLog, type RoomLog } from '../../src/domain/room-log.js';
import type { MessageStore } from '../../src/index.js';
import type { Random } from './random.js';
import type { Scheduler } from './scheduler.js';
import { lateStore, type StoreFaults } from './sim-store.js';

/** What a connection's client end hears (see SimTransport). */
export interface ClientEnd {
  ack(requestId: number, reply: Ack<unknown>): void;
  messageCreated(message: Message): void;
  memberJoined(change: { room: string; name: string }): void;
  memberLeft(change: { room: string; name: string }): void;
  closed(reason: string): void;
}

export interface NetworkFaults {
  maxDelayMs: number;
  /** Chance that the connection drops right before a `message:send` ack goes out. */
  lostAck: number;
}

/**
 * One connection through the simulated network. Client → server packets and the server's acks
 * each keep their order (one socket); broadcasts take their own, independent delays, so they
 * reorder across rooms and against acks, as broadcasts relayed between nodes do.
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

  /** Ends the connection on both sides; the client hears `reason` a moment later. */
  drop(reason: string): void {
    if (!this.alive) return;
    this.alive = false;
    this.server.forget(this);
    this.server.scheduler.after(this.server.delay(), () => this.client.closed(reason));
  }
}

/**
 * Roomlog's server over the simulated network: the real domain (`createRoomLog`, `createMemoryPresence`)
 * and the real memory store, with the handlers' order of `realtime/register-handlers.ts` (join
 * before reading, ack after commit, then broadcast). The store outlives restarts; presence does not.
 */
export class SimServer {
  up = false;
  /** How many acks the network lost (by dropping the connection as they went out). */
  lostAcks = 0;
  private generation = 0;
  private roomLog!: RoomLog;
  private presence!: Presence;
  private readonly connections = new Map<string, SimConnection>();
  private nextId = 0;

  constructor(
    readonly scheduler: Scheduler,
    private readonly random: Random,
    readonly store: MessageStore,
    private readonly faults: { network: NetworkFaults; store: StoreFaults },
  ) {}

  delay(): number {
    return this.random.int(0, this.faults.network.maxDelayMs);
  }

  start(): void {
    const generation = ++this.generation;
    const store = lateStore(this.store, {
      scheduler: this.scheduler,
      random: this.random,
      faults: this.faults.store,
      alive: () => this.up && this.generation === generation,
    });
    this.roomLog = createRoomLog({ store, now: () => new Date(this.scheduler.now) });
    this.presence = createMemoryPresence();
    this.up = true;
  }

  /** A graceful stop: every client is told "io server disconnect" (Socket.IO then stays down). */
  stop(): void {
    this.halt('io server disconnect');
  }

  /** A crash: connections just die. */
  crash(): void {
    this.halt('transport close');
  }

  /** A handshake; null when the server is down. */
  accept(name: string, client: ClientEnd): SimConnection | null {
    if (!this.up) return null;
    const connection = new SimConnection(`c${++this.nextId}`, name, this, client);
    this.connections.set(connection.id, connection);
    return connection;
  }

  /** Drops one random live connection (a network loss). */
  dropRandom(): void {
    const live = [...this.connections.values()];
    if (live.length > 0) this.random.pick(live).drop('transport close');
  }

  forget(connection: SimConnection): void {
    if (!this.connections.delete(connection.id)) return;
    const { name } = connection;
    void this.presence.removeConnection(connection.id).then((rooms) => {
      for (const room of rooms) this.toRoom(room, (client) => client.memberLeft({ room, name }));
    });
  }

  async handle(
    connection: SimConnection,
    requestId: number,
    event: ClientCommand,
    payload: unknown,
  ): Promise<void> {
    const parsed = parsePayload(clientCommands[event].payload, payload);
    if (!parsed.ok) return connection.reply(requestId, parsed);
    let ack: Ack<unknown>;
    try {
      ack = ok(await this.run(connection, event, parsed.data));
    } catch (err) {
      ack =
        err instanceof Refusal
          ? fail(err.code, err.message)
          : fail(ErrorCode.INTERNAL, 'The server failed; nothing was stored. Retrying is safe.');
    }
    if (event === 'message:send' && this.random.chance(this.faults.network.lostAck)) {
      this.lostAcks++;
      connection.drop('transport close');
    }
    connection.reply(requestId, ack);
  }

  private async run(connection: SimConnection, event: ClientCommand, data: unknown) {
    const { roomLog, presence } = this;
    switch (event) {
      case 'room:join': {
        const { room, since } = data as { room: string; since?: number };
        connection.rooms.add(room);
        const { name } = connection;
        if (await presence.add(room, connection.id, name))
          this.toRoom(room, (client) => client.memberJoined({ room, name }));
        const { head, messages } = await roomLog.snapshot(room, since);
        return { room, head, messages, members: await presence.members(room) };
      }
      case 'room:leave': {
        const { room } = data as { room: string };
        connection.rooms.delete(room);
        const { name } = connection;
        if (await presence.remove(room, connection.id))
          this.toRoom(room, (client) => client.memberLeft({ room, name }));
        return { room };
      }
      case 'message:send': {
        const { room, id, text } = data as { room: string; id: string; text: string };
        if (!connection.rooms.has(room)) throw new Refusal(ErrorCode.NOT_IN_ROOM, 'join first');
        const { message, created } = await roomLog.append({
          room,
          id,
          text,
          author: connection.name,
        });
        if (created) this.toRoom(room, (client) => client.messageCreated(message));
        return { message };
      }
      case 'room:history': {
        const { room, ...query } = data as { room: string; before?: number; after?: number };
        return { room, ...(await roomLog.history(room, query)) };
      }
    }
  }

  private halt(reason: string): void {
    this.up = false;
    for (const connection of [...this.connections.values()]) connection.drop(reason);
  }

  private toRoom(room: string, deliver: (client: ClientEnd) => void) {
    for (const connection of this.connections.values()) {
      if (connection.rooms.has(room)) connection.broadcast(deliver);
    }
  }
}

class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
