import type { AckError, Member, Message } from '@roomlog/protocol';

/** A message typed by this user that the server has not acknowledged yet. */
export interface OutboxEntry {
  /** The UUID the message is (re)sent with until acknowledged; the server dedupes on it. */
  id: string;
  room: string;
  text: string;
  /** When it was typed (ISO 8601, the client's clock). */
  createdAt: string;
  /** `pending`: waiting to be sent or for its ack; `failed`: refused by the server for a reason a retry cannot fix. */
  state: 'pending' | 'failed';
  /** Why it failed (for `failed`). */
  error?: AckError;
}

/** Where the outbox is persisted: localStorage/IndexedDB in the browser, memory in tests. */
export interface OutboxStorage {
  load(): Promise<OutboxEntry[]>;
  save(entries: OutboxEntry[]): Promise<void>;
}

/** "N messages while you were away": where a catch-up after a disconnect resumed. */
export interface ResumeMarker {
  /** The marker sits after this seq. */
  afterSeq: number;
  /** How many messages arrived by catch-up. */
  missed: number;
}

/** The state of the connection, for the UI. */
export interface ConnectionView {
  state: 'connecting' | 'connected' | 'disconnected';
  /** The transport in use while connected. */
  transport: 'websocket' | 'polling' | null;
  /** The last connect_error message, if any (e.g. `INVALID_NAME`). */
  error: string | null;
}

/** An immutable snapshot of one joined room; a new object after every change. */
export interface RoomView {
  room: string;
  /** `joining` until the first join ack; `catching-up` while paging to the head; then `live`. */
  status: 'joining' | 'catching-up' | 'live' | 'error';
  /** Why the join was refused (for `error`). */
  error: AckError | null;
  /** The contiguous part of the log this client holds, in seq order, each seq once. */
  messages: readonly Message[];
  /** This room's outbox entries not yet acknowledged, in the order they were typed. */
  pending: readonly OutboxEntry[];
  /** The newest seq the server has reported. */
  head: number;
  members: readonly Member[];
  /** Older messages exist before `messages[0]` (call `loadOlder`). */
  hasOlder: boolean;
  markers: readonly ResumeMarker[];
}
