import type { Message } from '@roomlog/protocol';

/** A message to append; the store assigns `seq`. */
export interface NewMessage {
  room: string;
  /** Client-made UUID; `(room, id)` is unique. */
  id: string;
  author: string;
  text: string;
  /** ISO 8601, the server's time. */
  at: string;
}

/** The result of {@link MessageStore.append}. */
export interface AppendResult {
  /** The stored message: the new one, or the one already stored under the same `(room, id)`. */
  message: Message;
  /** False when `(room, id)` was already stored: a retry, nothing new was written. */
  created: boolean;
}

/**
 * Which slice of a room's log to read; every page is returned oldest first.
 * - `after` only: the oldest `limit` messages with `seq > after` (catching up).
 * - `before` only: the newest `limit` messages with `seq < before` (scrolling back).
 * - both: the oldest `limit` messages with `after < seq < before`.
 * - neither: the newest `limit` messages.
 */
export interface PageQuery {
  before?: number | undefined;
  after?: number | undefined;
  limit: number;
}

/** One room's stored totals. */
export interface StoredRoom {
  room: string;
  /** Number of stored messages; equal to the newest seq, since seqs have no gaps. */
  messages: number;
}

/**
 * A durable, per-room, append-only message log.
 *
 * Guarantees every implementation must keep (checked by the contract suite in
 * `message-store.contract.ts`):
 * - `seq` starts at 1 in each room and grows by exactly 1 per message, with no gaps, even under
 *   concurrent appends; it is assigned in the same transaction as the insert.
 * - `(room, id)` is unique: appending an id already stored returns the stored message with
 *   `created: false` and changes nothing.
 * - `append` resolves only once the message is committed.
 */
export interface MessageStore {
  append(message: NewMessage): Promise<AppendResult>;
  /** The room's newest seq, 0 when the room has no messages. */
  head(room: string): Promise<number>;
  page(room: string, query: PageQuery): Promise<Message[]>;
  /** Every room that has at least one message. */
  rooms(): Promise<StoredRoom[]>;
  close(): Promise<void>;
}
