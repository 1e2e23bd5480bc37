import {
  SyncClient,
  createLocalStorageOutboxStorage,
  createSocketIoTransport,
  type ConnectionView,
  type OutboxEntry,
  type RoomView,
} from '@roomlog/client';
import { ErrorCode, type AckError } from '@roomlog/protocol';
import { createContext } from 'svelte';
import { sessionTokenStorage } from '$lib/name-storage';
import type { TransportName } from '$lib/transport';

/**
 * The prefix of the outbox's items in localStorage (one item per message), so it survives a
 * reload. Shared by every name used in this browser: each entry records its author, and a
 * connection sends only its own name's entries.
 */
export const OUTBOX_KEY = 'roomlog:outbox';

export interface RoomlogOptions {
  /** Socket.IO transports; Socket.IO's default order (polling, then upgrade) when omitted. */
  transports?: TransportName[];
  /** The server; the page's own origin when omitted. */
  url?: string;
}

function sameConnection(a: ConnectionView | null, b: ConnectionView): boolean {
  return (
    a !== null &&
    a.state === b.state &&
    a.transport === b.transport &&
    a.error === b.error &&
    a.attempt === b.attempt &&
    a.nextRetryAt === b.nextRetryAt
  );
}

/**
 * The tab's one connection, mirrored into runes. Constructing it does nothing: the socket and
 * its SyncClient are made by `connect(name)`, in the browser, and made again only for another
 * name. The engine's snapshots are immutable, so they are held raw and replaced whole.
 */
export class Roomlog {
  /** The name the socket connects with; null until `connect`. */
  name = $state<string | null>(null);
  /** The connection as the engine reports it; null until `connect`. */
  connection = $state.raw<ConnectionView | null>(null);
  /** The room the page shows. */
  room = $state<string | null>(null);
  /** The latest snapshot of `room`. */
  view = $state.raw<RoomView | undefined>(undefined);
  /** Why the outbox could not be read or saved (e.g. the storage quota is full). */
  outboxError = $state<string | null>(null);

  readonly #options: RoomlogOptions;
  #client: SyncClient | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(options: RoomlogOptions = {}) {
    this.#options = options;
  }

  /** Connects as `name`; a no-op when already connected as `name`. */
  connect(name: string): void {
    if (this.#client && this.name === name) return;
    this.#teardown();
    const transport = createSocketIoTransport({
      name,
      url: this.#options.url,
      transports: this.#options.transports,
      session: sessionTokenStorage(localStorage),
    });
    const client = new SyncClient({
      transport,
      name,
      outbox: createLocalStorageOutboxStorage(localStorage, OUTBOX_KEY),
    });
    this.#client = client;
    this.name = name;
    this.#unsubscribe = client.subscribe(() => this.#sync());
    if (this.room) client.join(this.room);
    this.#sync();
    // start() does not reject: an unreadable outbox is reported as `outboxError`.
    void client.start();
  }

  /** Shows `room`: joins it (the engine re-joins with catch-up after every reconnect). */
  enter(room: string): void {
    this.room = room;
    this.#client?.join(room);
    this.#sync();
  }

  /** Leaves `room` (its members see us go). */
  exit(room: string): void {
    this.#client?.leave(room);
    if (this.room !== room) return;
    this.room = null;
    this.view = undefined;
  }

  /** Queues `text` for the current room; works offline (the outbox sends it later). */
  send(text: string): { ok: true; entry: OutboxEntry } | { ok: false; error: AckError } {
    if (!this.#client || !this.room) {
      return { ok: false, error: { code: ErrorCode.NOT_IN_ROOM, message: 'Not in a room' } };
    }
    return this.#client.send(this.room, text);
  }

  retry(id: string): void {
    this.#client?.retry(id);
  }

  discard(id: string): void {
    this.#client?.discard(id);
  }

  /** Ends the back-off wait and tries to reconnect at once. */
  reconnectNow(): void {
    this.#client?.reconnectNow();
  }

  /** Fetches the page before the oldest message held. */
  async loadOlder(): Promise<void> {
    if (this.#client && this.room) await this.#client.loadOlder(this.room);
  }

  close(): void {
    this.#teardown();
    this.name = null;
    this.connection = null;
    this.outboxError = null;
    this.view = undefined;
  }

  #teardown(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#client?.close();
    this.#client = null;
  }

  #sync(): void {
    const client = this.#client;
    if (!client) return;
    // Copied, so an engine that updates its connection object in place still re-renders.
    if (!sameConnection(this.connection, client.connection)) {
      this.connection = { ...client.connection };
    }
    this.view = this.room ? client.getRoom(this.room) : undefined;
    this.outboxError = client.outboxError;
  }
}

const [getRoomlog, setRoomlog] = createContext<Roomlog>();

/** The layout's Roomlog, for any page or component below it. */
export { getRoomlog, setRoomlog };
