import {
  DEFAULT_PAGE_SIZE,
  SendPayload,
  parsePayload,
  type AckError,
  type Message,
} from '@roomlog/protocol';
import { Outbox } from './outbox.js';
import { joinAndCatchUp, type CatchUpContext } from './room-catch-up.js';
import { RoomEntry } from './room-entry.js';
import { OutboxSender } from './outbox-sender.js';
import { RoundTripTimer } from './round-trip.js';
import { resolveOptions, type ResolvedOptions, type SyncClientOptions } from './sync-options.js';
import { Reconnector, TimerSet } from './timers.js';
import {
  OfflineError,
  type ConnectFailure,
  type Transport,
  type TransportListener,
} from './transport.js';
import type { ConnectionView, OutboxEntry, RoomView } from './types.js';
import { Typing } from './typing.js';

export type { SyncClientOptions } from './sync-options.js';
export { TYPING_SEND_EVERY_MS, TYPING_SHOWN_MS } from './typing.js';

/**
 * The client side of Roomlog's delivery promise, free of any UI framework: per-room contiguous
 * logs, catch-up from any position on every (re)connect, gap repair, dedupe by seq, an outbox
 * that sends in order with the same id until acknowledged, and reconnection with back-off.
 */
export class SyncClient {
  connection: ConnectionView = { state: 'connecting', transport: null, error: null };
  /** Why the outbox could not be read or saved (unsent messages would not survive a reload). */
  outboxError: string | null = null;

  private readonly transport: Transport;
  private readonly outbox: Outbox;
  private readonly rooms = new Map<string, RoomEntry>();
  private readonly listeners = new Set<() => void>();
  private readonly timers: TimerSet;
  private readonly reconnector: Reconnector;
  private readonly catchUp: CatchUpContext;
  private readonly sender: OutboxSender;
  private readonly typists: Typing;
  private readonly roundTrip: RoundTripTimer;
  private readonly options: ResolvedOptions;
  /** Counts connections, so a join made on an earlier one is known to be stale. */
  private connectionNo = 0;
  private notifyQueued = false;
  private closed = false;

  constructor(options: SyncClientOptions) {
    const o = (this.options = resolveOptions(options));
    this.transport = o.transport;
    this.timers = new TimerSet(o.timers);
    this.reconnector = new Reconnector(this.timers, o.reconnectDelayMs, o.random, () =>
      this.reconnect(),
    );
    this.outbox = new Outbox(o.outbox, o.name, (error) => {
      if (error === this.outboxError) return;
      this.outboxError = error;
      this.changed();
    });
    this.catchUp = {
      transport: this.transport,
      ackTimeoutMs: o.ackTimeoutMs,
      pageSize: o.catchUpPageSize,
      delivered: (messages) => this.delivered(messages),
    };
    this.sender = new OutboxSender({
      outbox: this.outbox,
      transport: this.transport,
      timers: this.timers,
      ackTimeoutMs: o.ackTimeoutMs,
      retryDelayMs: o.retryDelayMs,
      // Only once joined on this connection and caught up, so own messages follow what others
      // wrote meanwhile.
      readyRoom: (room) => {
        const entry = this.rooms.get(room);
        const ready = entry?.isJoinedOn(this.connectionNo) && !entry.isSyncing;
        return ready && this.transport.connected && !this.closed ? entry : undefined;
      },
      sync: (entry) => this.sync(entry),
      delivered: (messages) => this.delivered(messages),
      release: (entry) => this.release(entry),
      changed: () => this.changed(),
    });
    this.typists = new Typing(this.timers, () => this.changed());
    this.roundTrip = new RoundTripTimer({
      transport: this.transport,
      timers: this.timers,
      ackTimeoutMs: o.ackTimeoutMs,
      everyMs: o.pingEveryMs,
      isCurrent: (connectionNo) =>
        !this.closed && this.connectionNo === connectionNo && this.transport.connected,
      measured: (rttMs) => this.setConnection({ ...this.connection, rttMs }),
    });
  }

  /** Loads the persisted outbox, joins the rooms it has messages for, and connects. */
  async start(): Promise<void> {
    await this.outbox.load();
    if (this.closed) return;
    for (const entry of this.outbox.mine()) this.entry(entry.room);
    this.transport.listen(this.events);
    this.transport.connect();
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
    const { room: target, text: trimmed } = parsed.data;
    const entry: OutboxEntry = {
      id,
      room: target,
      text: trimmed,
      author: this.options.name,
      createdAt: new Date().toISOString(),
      state: 'pending',
    };
    void this.outbox.add(entry);
    this.typists.sent(target);
    const roomEntry = this.entry(target);
    this.changed();
    if (!roomEntry.isJoinedOn(this.connectionNo)) this.sync(roomEntry);
    void this.sender.flush();
    return { ok: true, entry };
  }

  /**
   * Call on every keystroke in a room's composer: tells the others (`typing:start`) at most once
   * every {@link TYPING_SEND_EVERY_MS}. Best effort: nothing is queued or retried offline.
   */
  typing(room: string): void {
    this.typists.keystroke(
      room,
      () => this.transport.connected && !!this.rooms.get(room)?.isJoinedOn(this.connectionNo),
      () =>
        void this.transport
          .request('typing:start', { room }, this.options.ackTimeoutMs)
          .catch(() => undefined),
    );
  }

  /** Sends a failed message again. */
  retry(id: string): void {
    const entry = this.outbox.get(id);
    if (!entry) return;
    this.outbox.retry(id);
    this.sync(this.entry(entry.room));
    this.changed();
    void this.sender.flush();
  }

  /** Drops a message from the outbox (it may still have been stored if it was in flight). */
  discard(id: string): void {
    const entry = this.outbox.get(id);
    if (!entry || !this.outbox.remove(id)) return;
    const room = this.rooms.get(entry.room);
    if (room) this.release(room);
    this.changed();
  }

  /** Fetches the page before the oldest message held; rejects when it cannot (offline, refused). */
  async loadOlder(room: string): Promise<void> {
    const entry = this.rooms.get(room);
    if (!entry || !entry.hasOlder || !entry.beginLoadOlder()) return;
    try {
      const reply = await this.transport.request(
        'room:history',
        { room, before: entry.firstSeq, limit: DEFAULT_PAGE_SIZE },
        this.options.ackTimeoutMs,
      );
      if (!reply.ok) throw new Error(`room:history: ${reply.error.code} ${reply.error.message}`);
      entry.prepend(reply.data.messages);
      // An older page can hold a message whose ack was lost before a reload.
      this.delivered(reply.data.messages);
    } finally {
      entry.endLoadOlder();
    }
  }

  /** Calls `listener` (batched, after a microtask) whenever the connection or a room changes. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every outbox change so far is persisted (or failed to be: see `outboxError`). */
  persisted(): Promise<void> {
    return this.outbox.flushed();
  }

  /** Disconnects for good: commands in flight reject, and no timer of this client survives. */
  close(): void {
    this.closed = true;
    this.timers.clearAll();
    this.transport.listen(null);
    this.transport.disconnect();
    this.listeners.clear();
  }

  private readonly events: TransportListener = {
    connected: (kind) => {
      this.connectionNo++;
      this.reconnector.reset();
      this.setConnection({ state: 'connected', transport: kind, error: null });
      for (const entry of this.rooms.values()) this.sync(entry);
      this.roundTrip.start(this.connectionNo);
    },
    upgraded: (kind) => this.setConnection({ ...this.connection, transport: kind }),
    disconnected: () => {
      // Presence is live only while connected: nobody is known to be there until we re-join.
      for (const entry of this.rooms.values()) entry.disconnected();
      // Whatever closed it — the network, a crash, or a graceful server stop — try again.
      this.retryLater(null);
    },
    connectFailed: (failure) => {
      if (failure.code !== null) {
        this.setConnection({ state: 'refused', transport: null, error: failure });
        return;
      }
      this.retryLater(failure);
    },
    messageCreated: (message) => {
      const entry = this.rooms.get(message.room);
      if (!entry) return;
      // Sent: no longer typing it.
      this.typists.stop(message.room, entry, message.author);
      this.delivered(entry.absorb([message]));
      // A seq jump means a message we have not seen: fetch the gap instead of showing a hole.
      if (entry.behind) this.sync(entry);
    },
    memberJoined: ({ room, names }) => {
      this.rooms.get(room)?.memberJoined(names);
      this.changed();
    },
    memberTyping: ({ room, name }) => {
      const entry = this.rooms.get(room);
      if (!entry) return;
      this.typists.heard(entry, name);
      this.changed();
    },
    memberAway: ({ room, names }) => {
      const entry = this.rooms.get(room);
      for (const name of names) this.typists.stop(room, entry, name);
      entry?.memberAway(names);
      this.changed();
    },
    memberLeft: ({ room, names }) => {
      const entry = this.rooms.get(room);
      for (const name of names) this.typists.stop(room, entry, name);
      entry?.memberLeft(names);
      this.changed();
    },
  };

  /** Starts a scheduled reconnection attempt now instead of after its back-off delay. */
  reconnectNow(): void {
    this.reconnector.now();
  }

  private retryLater(error: ConnectFailure | null): void {
    this.reconnector.schedule();
    const { attempt, nextAt } = this.reconnector;
    this.setConnection({
      state: 'disconnected',
      transport: null,
      error,
      attempt,
      ...(nextAt === null ? {} : { nextRetryAt: nextAt }),
    });
  }

  private reconnect(): void {
    if (this.closed || this.transport.connected) return;
    const { state: _state, nextRetryAt: _next, ...rest } = this.connection;
    this.setConnection({ ...rest, state: 'connecting' });
    this.transport.connect();
  }

  private entry(room: string): RoomEntry {
    let entry = this.rooms.get(room);
    if (!entry) this.rooms.set(room, (entry = new RoomEntry(room)));
    return entry;
  }

  /** Runs (or re-runs) join + catch-up for a room; never two at once for the same room. */
  private sync(entry: RoomEntry): void {
    if (!this.transport.connected || this.closed || !entry.beginSync()) return;
    void (async () => {
      try {
        do await joinAndCatchUp(entry, this.connectionNo, this.catchUp);
        while (entry.takeAgain() && this.transport.connected);
      } catch (err) {
        // Offline: the next connect syncs again. Anything else (a timeout, INTERNAL): retry soon.
        if (!(err instanceof OfflineError))
          this.timers.after(this.options.retryDelayMs, () => this.sync(entry));
      } finally {
        const again = entry.takeAgain();
        entry.endSync();
        if (again) this.sync(entry);
        this.changed();
        void this.sender.flush();
      }
    })();
  }

  // A message seen in the log is delivered, however we learnt of it (ack, broadcast, catch-up).
  private delivered(messages: readonly Message[]): void {
    for (const message of messages) this.outbox.remove(message.id);
    this.changed();
  }

  /** Forgets a room nobody asked for once its outbox is empty. */
  private release(entry: RoomEntry): void {
    if (entry.explicit || this.outbox.forRoom(entry.room).some((e) => e.state === 'pending'))
      return;
    this.rooms.delete(entry.room);
    if (this.transport.connected && entry.isJoinedOn(this.connectionNo)) {
      this.transport
        .request('room:leave', { room: entry.room }, this.options.ackTimeoutMs)
        .catch(() => undefined);
    }
    this.changed();
  }

  private setConnection(next: ConnectionView): void {
    this.connection = next;
    this.changed();
  }

  private changed(): void {
    if (this.notifyQueued || this.closed) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      for (const listener of [...this.listeners]) listener();
    });
  }
}
