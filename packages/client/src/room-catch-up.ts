import { ErrorCode, type Message } from '@roomlog/protocol';
import type { RoomEntry } from './room-entry.js';
import type { Transport } from './transport.js';

/** Errors that a later retry of the same command can get past (others are final). */
export const TRANSIENT: ReadonlySet<string> = new Set([ErrorCode.INTERNAL, ErrorCode.RATE_LIMITED]);

/** What joining and catching up needs from the sync client. */
export interface CatchUpContext {
  transport: Transport;
  ackTimeoutMs: number;
  pageSize: number;
  /** Drops the outbox entries of messages now in the log, and tells the listeners. */
  delivered(messages: readonly Message[]): void;
}

/**
 * Joins the room on connection `connection` if it is not joined on it yet — from the contiguous
 * seq held, when there is one — then pages `room:history` until the log reaches the head.
 * Throws on a transient failure (the caller retries); a final refusal becomes the room's error.
 */
export async function joinAndCatchUp(
  entry: RoomEntry,
  connection: number,
  ctx: CatchUpContext,
): Promise<void> {
  const { transport, ackTimeoutMs } = ctx;
  if (!entry.isJoinedOn(connection)) {
    const since = entry.since;
    entry.joining();
    ctx.delivered([]);
    const reply = await transport.request(
      'room:join',
      { room: entry.room, ...(since === undefined ? {} : { since }) },
      ackTimeoutMs,
    );
    if (!reply.ok) {
      if (TRANSIENT.has(reply.error.code)) throw new Error(`room:join: ${reply.error.code}`);
      entry.joinFailed(reply.error);
      ctx.delivered([]);
      return;
    }
    ctx.delivered(entry.joined(connection, since, reply.data));
  }
  while (entry.behind) {
    entry.catchingUp();
    const reply = await transport.request(
      'room:history',
      { room: entry.room, after: entry.contiguous, limit: ctx.pageSize },
      ackTimeoutMs,
    );
    if (!reply.ok) throw new Error(`room:history: ${reply.error.code} ${reply.error.message}`);
    entry.observeHead(reply.data.head);
    ctx.delivered(entry.absorb(reply.data.messages));
    if (reply.data.messages.length === 0) break;
  }
  entry.caughtUp();
  ctx.delivered([]);
}
