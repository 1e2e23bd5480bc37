import {
  ErrorCode,
  clientCommands,
  fail,
  ok,
  parsePayload,
  type Ack,
  type ClientCommand,
} from '@roomlog/protocol';
import { createMemoryPresence, type Presence } from '../../src/domain/presence.js';
import { createRoomLog, type RoomLog } from '../../src/domain/room-log.js';
import type { MessageStore } from '../../src/index.js';
import {
  createMemberAnnouncer,
  MEMBER_BATCH_MS,
  type MemberAnnouncer,
  type MemberEvent,
} from '../../src/realtime/member-announcer.js';
import {
  createPresenceGrace,
  type GraceTimers,
  type PresenceGrace,
} from '../../src/realtime/presence-grace.js';
import { memberList } from '../../src/realtime/member-list.js';
import { PresenceWitness, type Announcement } from './presence-witness.js';
import { SimConnection, type ClientEnd, type NetworkFaults } from './sim-connection.js';
import type { Random } from './random.js';
import type { Scheduler } from './scheduler.js';
import { lateStore, type StoreFaults } from './sim-store.js';

const WITNESS_KIND: Record<MemberEvent, Announcement> = {
  'member:joined': 'joined',
  'member:away': 'away',
  'member:left': 'left',
};

/**
 * Roomlog's server over the simulated network: the real domain (`createRoomLog`, `createMemoryPresence`),
 * the real presence grace on the virtual clock and the real memory store, with the handlers' order
 * of `realtime/register-handlers.ts` (join before reading, ack after commit, then broadcast; a drop
 * is held for the grace, a deliberate close or `room:leave` is a leave at once). The store
 * outlives restarts; presence does not.
 */
export class SimServer {
  up = false;
  /** How many acks the network lost (by dropping the connection as they went out). */
  lostAcks = 0;
  private generation = 0;
  private roomLog!: RoomLog;
  private presence!: Presence;
  private grace!: PresenceGrace;
  private announcer!: MemberAnnouncer;
  private readonly virtualTimers: GraceTimers = {
    setTimeout: (fn, ms) => this.scheduler.after(ms, fn),
    clearTimeout: (handle) => this.scheduler.timers.clearTimeout(handle),
  };
  /** Checks every member announcement as it is made. */
  readonly witness: PresenceWitness;
  private readonly connections = new Map<string, SimConnection>();
  private nextId = 0;

  constructor(
    readonly scheduler: Scheduler,
    private readonly random: Random,
    readonly store: MessageStore,
    private readonly faults: { network: NetworkFaults; store: StoreFaults },
    readonly graceMs: number,
  ) {
    this.witness = new PresenceWitness(graceMs, () => scheduler.now);
  }

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
    this.grace = createPresenceGrace({
      graceMs: this.graceMs,
      presence: this.presence,
      onLeft: (room, name) => this.announce('member:left', room, name),
      onError: (err) => this.witness.problems.push(`presence failed: ${String(err)}`),
      timers: this.virtualTimers,
    });
    // The real announcer: changes gathered per room on the virtual clock, sent in order, unless
    // this process has died meanwhile.
    this.announcer = createMemberAnnouncer({
      windowMs: MEMBER_BATCH_MS,
      timers: this.virtualTimers,
      emit: (event, room, names) => {
        if (this.up && this.generation === generation) this.send(event, room, names);
      },
    });
    this.witness.restarted();
    this.up = true;
  }

  /** The names connected to `room` now (the truth a settled member list must show). */
  connectedTo(room: string): string[] {
    const names = [...this.connections.values()]
      .filter((c) => c.rooms.has(room))
      .map((c) => c.name);
    return [...new Set(names)].sort((a, b) => a.localeCompare(b));
  }

  /** The room's members as the server's presence holds them. */
  members(room: string) {
    return this.presence.members(room);
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

  /** The connection ended: a deliberate close is a leave at once; anything else gets the grace. */
  forget(connection: SimConnection, reason: string): void {
    if (!this.connections.delete(connection.id)) return;
    const { name, id } = connection;
    const rooms = [...connection.rooms];
    const deliberate = reason === 'io client disconnect';
    for (const room of rooms) {
      if (!this.isIn(room, name)) this.witness.gone(room, name, deliberate);
    }
    if (deliberate) {
      void this.presence.removeConnection(id).then((left) => {
        for (const room of left) this.announce('member:left', room, name);
      });
      return;
    }
    const grace = this.grace;
    grace.hold(id, name, rooms);
    // Away only where no other connection of the person is in the room (register-handlers.ts).
    for (const room of rooms) {
      if (!grace.isAway(room, name)) continue;
      if (this.isIn(room, name)) grace.returned(room, name);
      else {
        this.announce('member:away', room, name);
        grace.announcedAway(room, name);
      }
    }
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
    // This server life's, even when a restart happens while the command waits on the store.
    const { roomLog, presence, grace } = this;
    switch (event) {
      case 'room:join': {
        const { room, since } = data as { room: string; since?: number };
        connection.rooms.add(room);
        const { name } = connection;
        // Back within the grace after a drop: still a member, so announce only the return.
        if ((await presence.add(room, connection.id, name)) || grace.returned(room, name))
          this.announce('member:joined', room, name);
        const { head, messages } = await roomLog.snapshot(room, since);
        return { room, head, messages, ...(await memberList(presence, grace, room)) };
      }
      case 'room:leave': {
        const { room } = data as { room: string };
        connection.rooms.delete(room);
        const { name } = connection;
        if (!this.isIn(room, name)) this.witness.gone(room, name, true);
        const heldLeft = await grace.leave(room, name);
        if ((await presence.remove(room, connection.id)) || heldLeft)
          this.announce('member:left', room, name);
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
      case 'connection:ping':
        return {};
      case 'typing:start': {
        const { room } = data as { room: string };
        if (!connection.rooms.has(room)) throw new Refusal(ErrorCode.NOT_IN_ROOM, 'join first');
        const { name } = connection;
        for (const other of this.connections.values()) {
          if (other !== connection && other.rooms.has(room)) {
            other.broadcast((client) => client.memberTyping({ room, name }));
          }
        }
        return { room, broadcast: true };
      }
    }
  }

  private halt(reason: string): void {
    this.up = false;
    for (const connection of [...this.connections.values()]) connection.drop(reason);
    // The process ends: its presence, grace timers included, with it.
    void this.grace.close();
  }

  private isIn(room: string, name: string): boolean {
    return [...this.connections.values()].some((c) => c.name === name && c.rooms.has(room));
  }

  private announce(event: MemberEvent, room: string, name: string): void {
    this.witness.announced(WITNESS_KIND[event], room, name, this.isIn(room, name));
    this.announcer.announce(event, room, name);
  }

  private send(event: MemberEvent, room: string, names: string[]): void {
    const change = { room, names };
    for (const connection of this.connections.values()) {
      if (!connection.rooms.has(room)) continue;
      connection.emitInOrder((client) => {
        if (event === 'member:joined') client.memberJoined(change);
        else if (event === 'member:away') client.memberAway(change);
        else client.memberLeft(change);
      });
    }
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
