import {
  SyncClient,
  createLocalStorageOutboxStorage,
  createSocketIoTransport,
  type ConnectionView,
  type Member,
  type OutboxEntry,
  type RoomView,
} from '@roomlog/client';
import { ErrorCode, type AckError } from '@roomlog/protocol';
import { createContext } from 'svelte';
import { sessionTokenStorage } from '$lib/name-storage';
import {
  loadJoinedRooms,
  updateJoinedRooms,
  withReadMarks,
  withRoom,
  withoutRoom,
  type JoinedRoom,
} from '$lib/rooms/joined-rooms';
import { markRead, unreadByRoom, unreadTotal } from '$lib/rooms/read-marks';
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
  /** Where the joined rooms are remembered (localStorage in the browser); not at all when omitted. */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Where a room's log was scrolled to when it was last on screen. */
export interface SavedScroll {
  scrollTop: number;
  /** It was at the bottom: show the newest again rather than the same offset. */
  atBottom: boolean;
}

function sameConnection(a: ConnectionView | null, b: ConnectionView): boolean {
  return (
    a !== null &&
    a.state === b.state &&
    a.transport === b.transport &&
    a.error === b.error &&
    a.attempt === b.attempt &&
    a.nextRetryAt === b.nextRetryAt &&
    a.rttMs === b.rttMs
  );
}

/**
 * The tab's one connection and every room joined on it, mirrored into runes. The room on screen
 * (`room`, from the URL) is one of the joined rooms; the others stay joined in the background,
 * keep their logs, and count what arrives as unread. Constructing it does nothing: the socket and
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
  /** The joined rooms in sidebar order, each with its read mark (remembered across reloads). */
  rooms = $state.raw<readonly JoinedRoom[]>([]);
  /** The latest snapshot of every joined room. */
  views = $state.raw<Readonly<Record<string, RoomView | undefined>>>({});
  /** The latest snapshot of `room`. */
  view = $derived(this.room === null ? undefined : this.views[this.room]);
  /** Unread messages (and mentions of `name`) per joined room; zero for the one on screen. */
  unread = $derived(unreadByRoom(this.rooms, this.views, this.room, this.name ?? ''));
  /** The sum of `unread`, for the tab title. */
  unreadTotal = $derived(unreadTotal(this.unread));
  /** Why the outbox could not be read or saved (e.g. the storage quota is full). */
  outboxError = $state<string | null>(null);

  readonly #options: RoomlogOptions;
  #client: SyncClient | null = null;
  #unsubscribe: (() => void) | null = null;
  // Not reactive on purpose: read once when a room's log is shown, written on every scroll.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #scroll = new Map<string, SavedScroll>();
  /** The room on screen when another tab left it: left here too once this tab moves on. */
  #leftElsewhere: string | null = null;
  // room → its member list when it was last live; not reactive: written only in #sync, next to
  // the `views` it is read with.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #lastMembers = new Map<string, readonly Member[]>();

  constructor(options: RoomlogOptions = {}) {
    this.#options = options;
    if (options.storage) this.rooms = loadJoinedRooms(options.storage);
  }

  /**
   * Connects as `name` and joins every remembered room; a no-op when already connected as
   * `name`. Called again with another name, it reconnects under that name (a change of name):
   * the outbox entries typed under the old name wait for that name (see outbox.ts).
   */
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
    for (const { room } of this.rooms) client.join(room);
    if (this.room) client.join(this.room);
    this.#sync();
    // start() does not reject: an unreadable outbox is reported as `outboxError`.
    void client.start();
  }

  /**
   * Shows `room`: joins it unless joined already (the engine re-joins with catch-up after every
   * reconnect) and adds it to the sidebar. The room shown before stays joined.
   */
  enter(room: string): void {
    this.#dropLeftElsewhere(room);
    this.room = room;
    this.#setRooms(withRoom(this.rooms, room), (stored) => withRoom(stored, room));
    this.#client?.join(room);
    this.#sync();
  }

  /** Shows no room (the lobby); every joined room stays joined. */
  blur(): void {
    this.#dropLeftElsewhere(null);
    this.room = null;
  }

  /** The room on screen was left in another tab: leave it here too, now that it goes. */
  #dropLeftElsewhere(next: string | null): void {
    const room = this.#leftElsewhere;
    this.#leftElsewhere = null;
    if (room !== null && room !== next) this.leave(room);
  }

  /**
   * Leaves `room` on the server (its members see us go) and drops it from the sidebar. Messages
   * still pending for it are delivered first: the engine stays in the room until they are.
   */
  leave(room: string): void {
    this.#client?.leave(room);
    this.#setRooms(withoutRoom(this.rooms, room), (stored) => withoutRoom(stored, room));
    this.#scroll.delete(room);
    this.#lastMembers.delete(room);
    if (this.room === room) this.room = null;
    this.#sync();
  }

  /**
   * Another tab of this browser changed the stored list (its `storage` event): join in the
   * background what it joined, leave what it left (✕ in any tab leaves everywhere), and take its
   * newer read marks. The room on screen here stays, even if left elsewhere, until this tab
   * moves away from it (then it is left here too); nothing is written back (the change came
   * from the store).
   */
  followStoredRooms(): void {
    if (!this.#options.storage) return;
    const stored = loadJoinedRooms(this.#options.storage);
    const kept = stored.map(({ room }) => room);
    const mine = this.rooms.map(({ room }) => room);
    for (const { room } of this.rooms) {
      if (kept.includes(room) || room === this.room) continue;
      this.#client?.leave(room);
      this.#scroll.delete(room);
      this.#lastMembers.delete(room);
    }
    this.#leftElsewhere = this.room !== null && !kept.includes(this.room) ? this.room : null;
    const added = stored.filter(({ room }) => !mine.includes(room));
    for (const { room } of added) this.#client?.join(room);
    const rooms = [
      ...this.rooms.filter(({ room }) => kept.includes(room) || room === this.room),
      ...added,
    ];
    this.rooms = withReadMarks(rooms, stored);
    this.#sync();
  }

  /** Where `room`'s log was scrolled to when last on screen. */
  savedScroll(room: string): SavedScroll | undefined {
    return this.#scroll.get(room);
  }

  saveScroll(room: string, position: SavedScroll): void {
    if (this.rooms.some((r) => r.room === room)) this.#scroll.set(room, position);
  }

  /**
   * The members of `room` to show. The engine knows them only while connected and joined; while
   * it reconnects (or re-joins) the last list it knew is shown rather than nobody, ourselves
   * included, since from our side we are still in the room.
   */
  membersOf(room: string): readonly Member[] {
    const view = this.views[room];
    if (!view) return [];
    return this.#lastMembers.get(room) ?? view.members;
  }

  /** Queues `text` for the current room; works offline (the outbox sends it later). */
  send(text: string): { ok: true; entry: OutboxEntry } | { ok: false; error: AckError } {
    if (!this.#client || !this.room) {
      return { ok: false, error: { code: ErrorCode.NOT_IN_ROOM, message: 'Not in a room' } };
    }
    return this.#client.send(this.room, text);
  }

  /** The composer's text changed: tell the others in the current room (throttled by the engine). */
  typing(): void {
    if (this.#client && this.room) this.#client.typing(this.room);
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

  /**
   * This tab's list becomes `rooms`; the stored list (shared with other tabs) gets the same
   * `change`, applied to it as it is stored now.
   */
  #setRooms(
    rooms: readonly JoinedRoom[],
    change: (stored: readonly JoinedRoom[]) => readonly JoinedRoom[],
  ): void {
    if (rooms === this.rooms) return;
    this.rooms = rooms;
    if (this.#options.storage) updateJoinedRooms(this.#options.storage, change);
  }

  close(): void {
    this.#teardown();
    this.name = null;
    this.connection = null;
    this.outboxError = null;
    this.views = {};
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
    const views: Record<string, RoomView | undefined> = {};
    const live = client.connection.state === 'connected';
    for (const { room } of this.rooms) {
      const view = (views[room] = client.getRoom(room));
      // Joined, we are among the members: an empty list is one not known (yet, or any more).
      if (live && view?.status === 'live' && view.members.length > 0) {
        this.#lastMembers.set(room, view.members);
      }
    }
    this.views = views;
    const read = markRead(this.rooms, views, this.room);
    this.#setRooms(read, (stored) => withReadMarks(stored, read));
    this.outboxError = client.outboxError;
  }
}

const [getRoomlog, setRoomlog] = createContext<Roomlog>();

/** The layout's Roomlog, for any page or component below it. */
export { getRoomlog, setRoomlog };
