import type { AckError, Message } from '@roomlog/protocol';
import type { ConnectFailure, TransportKind } from './transport.js';

/** A message typed by this user that the server has not acknowledged yet. */
export interface OutboxEntry {
  /** The UUID the message is (re)sent with until acknowledged; the server dedupes on it. */
  id: string;
  room: string;
  text: string;
  /** The name it was typed under: only a connection under that name sends it. */
  author: string;
  /** When it was typed (ISO 8601, the client's clock). */
  createdAt: string;
  /** `pending`: waiting to be sent or for its ack; `failed`: refused by the server for a reason a retry cannot fix. */
  state: 'pending' | 'failed';
  /** Why it failed (for `failed`). */
  error?: OutboxError;
}

/**
 * Why an outbox entry failed: the server's refusal, or `UNKNOWN_AUTHOR` for an entry stored by
 * an older version that did not record its author (Retry sends it under the current name).
 */
export type OutboxError = AckError | { code: 'UNKNOWN_AUTHOR'; message: string };

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
  /**
   * `disconnected`: down, a reconnect is scheduled (with back-off); `refused`: the server refused
   * the handshake (`error.code` says why), which no retry can fix.
   */
  state: 'connecting' | 'connected' | 'disconnected' | 'refused';
  /** The transport in use while connected. */
  transport: TransportKind | null;
  /** Why the last connection attempt failed, if it did. */
  error: ConnectFailure | null;
  /** While not connected: the reconnection attempt under way or scheduled (1, 2, …). */
  attempt?: number;
  /** While disconnected: when the next attempt starts (epoch ms). */
  nextRetryAt?: number;
  /** While connected: the latest round-trip time of the periodic `connection:ping`, in ms. */
  rttMs?: number;
}

/** An immutable snapshot of one joined room; a new object after every change. */
/** A member of a room, as this client shows it. */
export interface Member {
  name: string;
  /** Their last connection dropped moments ago: kept for a grace period, shown "reconnecting". */
  away?: boolean;
}

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
  /** Others typing in the room now, in the order they started (each shown ~5 s after typing). */
  typing: readonly string[];
  /** Older messages exist before `messages[0]` (call `loadOlder`). */
  hasOlder: boolean;
  markers: readonly ResumeMarker[];
}
