import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  SendPayload,
  parsePayload,
  type AckError,
  type Member,
  type MemberChange,
  type Message,
} from '@roomlog/protocol';
import type { RoomlogSocket } from './create-socket.js';
import { withMember, withoutMember } from './member-changes.js';
import { Outbox } from './outbox.js';
import { OfflineError, Requester } from './request.js';
import { sendEntry } from './send-entry.js';
import { RoomEntry } from './room-entry.js';
import { joinAndCatchUp, type CatchUpContext } from './room-catch-up.js';
import type { ConnectionView, OutboxEntry, OutboxStorage, RoomView } from './types.js';

export interface SyncClientOptions {
  socket: RoomlogSocket;
  /** Where unacknowledged messages are kept (localStorage in the browser, memory in tests). */
  outbox: OutboxStorage;
  /** How long to wait for an ack before sending the same command again. Default 10 s. */
  ackTimeoutMs?: number;
  /** Page size of catch-up. Default: the protocol's maximum. */
  catchUpPageSize?: number;
  /** Pause before retrying after INTERNAL, RATE_LIMITED or an ack timeout. Default 500 ms. */
  retryDelayMs?: number;
  /** Makes message ids. Default: `crypto.randomUUID()`. */
  newId?: () => string;
}

/**
 * The client side of Roomlog's delivery promise, free of any UI framework: per-room contiguous
 * logs, catch-up from any position on every (re)connect, gap repair, dedupe by seq, and an
 * outbox that sends in order with the same id until acknowledged.
 */
export class SyncClient {
  connection: ConnectionView = { state: 'connecting', transport: null, error: null };

  private readonly socket: RoomlogSocket;
  private readonly requester: Requester;
  private readonly outbox: Outbox;
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly listeners = new Set<() => void>();
  private readonly options: Required<Omit<SyncClientOptions, 'socket' | 'outbox'>>;
  private readonly catchUpContext: CatchUpContext;
  /** Counts connections, so a join made on an earlier one is known to be stale. */
  private epoch = 0;
  private flushing = false;
  private notifyQueued = false;
  private closed = false;

  constructor(options: SyncClientOptions) {
    this.socket = options.socket;
    this.options = {
      ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
      catchUpPageSize: options.catchUpPageSize ?? MAX_PAGE_SIZE,
      retryDelayMs: options.retryDelayMs ?? 500,
      newId: options.newId ?? (() => crypto.randomUUID()),
    };
    this.requester = new Requester(this.socket, this.options.ackTimeoutMs);
    this.outbox = new Outbox(options.outbox);
    this.catchUpContext = {
      requester: this.requester,
      pageSize: this.options.catchUpPageSize,
      absorb: (entry, messages) => this.absorb(entry, messages),
      forgetDelivered: (entry, messages) => this.forgetDelivered(entry, messages),
      changed: () => this.changed(),
    };
  }

  /** Loads the persisted outbox, joins the rooms it has messages for, and connects. */
  async start(): Promise<void> {
    await this.outbox.load();
    for (const entry of this.outbox.all()) this.entry(entry.room);
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on('connect_error', this.onConnectError);
    this.socket.on('message:created', this.onMessage);
    this.socket.on('member:joined', this.onMemberJoined);
    this.socket.on('member:left', this.onMemberLeft);
    this.socket.connect();
    this.changed();
  }

  /** Joins a room now and again after every reconnect, catching up each time. Idempotent. */
  join(room: string): void {
    const entry = this.entry(room);
    entry.explicit = true;
    this.sync(entry);
  }

  /** Leaves a room; one with undelivered messages stays joined until they are delivered. */
  leave(room: string): void {
    const entry = this.rooms.get(room);
    if (!entry) return;
    entry.explicit = false;
    this.release(entry);
  }

  getRoom(room: string): RoomView | undefined {
    return this.rooms.get(room)?.view(this.outbox.forRoom(room));
  }

  /** Queues a message; it is sent (in order, retried with the same id) until acknowledged. */
  send(
    room: string,
    text: string,
  ): { ok: true; entry: OutboxEntry } | { ok: false; error: AckError } {
    const id = this.options.newId();
    const parsed = parsePayload(SendPayload, { room, id, text });
    if (!parsed.ok) return parsed;
    const entry: OutboxEntry = {
      id,
      room: parsed.data.room,
      text: parsed.data.text,
      createdAt: new Date().toISOString(),
      state: 'pending',
    };
    void this.outbox.add(entry);
    const target = this.entry(entry.room);
    target.touch();
    this.changed();
    if (target.joinedOn !== this.epoch) this.sync(target);
    void this.flush();
    return { ok: true, entry };
  }

  /** Sends a failed message again. */
  retry(id: string): void {
    const entry = this.outbox.get(id);
    if (!entry) return;
    this.outbox.retry(id);
    this.rooms.get(entry.room)?.touch();
    this.changed();
    void this.flush();
  }

  /** Drops a message from the outbox (it may still have been stored if it was in flight). */
  discard(id: string): void {
    const entry = this.outbox.get(id);
    if (!entry || !this.outbox.remove(id)) return;
    const room = this.rooms.get(entry.room);
    room?.touch();
    if (room) this.release(room);
    this.changed();
  }

  /** Fetches the page before the oldest message held. */
  async loadOlder(room: string): Promise<void> {
    const entry = this.rooms.get(room);
    if (!entry || !entry.state.hasOlder || entry.loadingOlder) return;
    entry.loadingOlder = true;
    try {
      const reply = await this.requester.send('room:history', {
        room,
        before: entry.state.firstSeq,
        limit: DEFAULT_PAGE_SIZE,
      });
      if (reply.ok) {
        entry.state.prepend(reply.data.messages);
        // An older page can hold a message whose ack was lost before a reload.
        this.forgetDelivered(entry, reply.data.messages);
        this.changed();
      }
    } catch {
      // Offline: the user can scroll again once reconnected.
    } finally {
      entry.loadingOlder = false;
    }
  }

  /** Calls `listener` (batched, after a microtask) whenever the connection or a room changes. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every outbox change so far is persisted. */
  persisted(): Promise<void> {
    return this.outbox.flushed();
  }

  close(): void {
    this.closed = true;
    this.socket.off('connect', this.onConnect);
    this.socket.off('disconnect', this.onDisconnect);
    this.socket.off('connect_error', this.onConnectError);
    this.socket.off('message:created', this.onMessage);
    this.socket.off('member:joined', this.onMemberJoined);
    this.socket.off('member:left', this.onMemberLeft);
    this.socket.disconnect();
    this.listeners.clear();
  }

  private readonly onConnect = () => {
    this.epoch++;
    const engine = this.socket.io.engine;
    this.setConnection({
      state: 'connected',
      transport: transportName(engine.transport.name),
      error: null,
    });
    engine.once('upgrade', (transport: { name: string }) => {
      if (this.socket.connected)
        this.setConnection({ ...this.connection, transport: transportName(transport.name) });
    });
    for (const entry of this.rooms.values()) this.sync(entry);
  };

  private readonly onDisconnect = () => {
    this.requester.abortAll();
    // Presence is live only while connected: nobody is known to be there until we re-join.
    for (const entry of this.rooms.values()) {
      entry.members = [];
      entry.touch();
    }
    this.setConnection({ state: 'disconnected', transport: null, error: null });
  };

  private readonly onConnectError = (err: Error) => {
    this.setConnection({ state: 'disconnected', transport: null, error: err.message });
  };

  private readonly onMessage = (message: Message) => {
    const entry = this.rooms.get(message.room);
    if (!entry) return;
    this.absorb(entry, [message]);
    // A seq jump means a message we have not seen: fetch the gap instead of showing a hole.
    if (entry.state.behind) this.sync(entry);
  };

  private readonly onMemberJoined = ({ room, name }: MemberChange) =>
    this.updateMembers(room, (members) => withMember(members, name));

  private readonly onMemberLeft = ({ room, name }: MemberChange) =>
    this.updateMembers(room, (members) => withoutMember(members, name));

  private updateMembers(room: string, update: (members: readonly Member[]) => Member[]): void {
    const entry = this.rooms.get(room);
    if (!entry) return;
    entry.members = update(entry.members);
    entry.touch();
    this.changed();
  }

  private entry(room: string): RoomEntry {
    let entry = this.rooms.get(room);
    if (!entry) this.rooms.set(room, (entry = new RoomEntry(room)));
    return entry;
  }

  /** Runs (or re-runs) join + catch-up for a room; never two at once for the same room. */
  private sync(entry: RoomEntry): void {
    if (!this.socket.connected || this.closed) return;
    if (entry.syncing) {
      entry.again = true;
      return;
    }
    entry.syncing = true;
    void (async () => {
      try {
        do {
          entry.again = false;
          await joinAndCatchUp(entry, this.epoch, this.catchUpContext);
        } while (entry.again && this.socket.connected);
      } catch (err) {
        // Offline: the next connect syncs again. Anything else (a timeout, INTERNAL): retry soon.
        if (!(err instanceof OfflineError))
          setTimeout(() => this.sync(entry), this.options.retryDelayMs);
      } finally {
        entry.syncing = false;
        this.changed();
        void this.flush();
      }
    })();
  }

  /** Adds messages to a room's log and drops outbox entries they acknowledge. */
  private absorb(entry: RoomEntry, messages: readonly Message[]): void {
    const added = entry.state.add(messages);
    if (added.length === 0) return;
    this.forgetDelivered(entry, added);
    entry.touch();
    this.changed();
  }

  // A message seen in the log is delivered, however we learnt of it (ack, broadcast, catch-up).
  private forgetDelivered(entry: RoomEntry, messages: readonly Message[]): void {
    for (const message of messages) this.outbox.remove(message.id);
    entry.touch();
  }

  /** Sends pending entries one at a time, in the order they were typed. */
  private async flush(): Promise<void> {
    if (this.flushing || this.closed) return;
    this.flushing = true;
    try {
      for (;;) {
        const next = this.outbox.nextPending((room) => this.canSend(room));
        if (!next || !(await this.deliver(next))) break;
      }
    } finally {
      this.flushing = false;
    }
  }

  // Only once the room is joined on this connection and caught up, so own messages follow
  // what others wrote meanwhile.
  private canSend(room: string): boolean {
    const entry = this.rooms.get(room);
    return !!entry && entry.joinedOn === this.epoch && !entry.syncing && this.socket.connected;
  }

  /** Sends one entry; returns false when flushing must stop until the next (re)join. */
  private async deliver(item: OutboxEntry): Promise<boolean> {
    const entry = this.entry(item.room);
    const outcome = await sendEntry(this.requester, item);
    switch (outcome.kind) {
      case 'delivered':
        this.absorb(entry, [outcome.message]);
        if (entry.state.behind) this.sync(entry);
        this.outbox.remove(item.id);
        entry.touch();
        this.changed();
        this.release(entry);
        return true;
      case 'retry':
        await delay(this.options.retryDelayMs);
        return true;
      case 'offline':
        return false;
      case 'rejoin':
        entry.joinedOn = null;
        this.sync(entry);
        return false;
      case 'refused':
        this.outbox.fail(item.id, outcome.error);
        entry.touch();
        this.changed();
        return true;
    }
  }

  /** Forgets a room nobody asked for once its outbox is empty. */
  private release(entry: RoomEntry): void {
    if (entry.explicit || this.outbox.forRoom(entry.room).some((e) => e.state === 'pending'))
      return;
    this.rooms.delete(entry.room);
    if (this.socket.connected && entry.joinedOn === this.epoch) {
      this.requester.send('room:leave', { room: entry.room }).catch(() => undefined);
    }
    this.changed();
  }

  private setConnection(next: ConnectionView): void {
    this.connection = next;
    this.changed();
  }

  private changed(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      for (const listener of [...this.listeners]) listener();
    });
  }
}

function transportName(name: string): ConnectionView['transport'] {
  return name === 'websocket' || name === 'webtransport' ? 'websocket' : 'polling';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
