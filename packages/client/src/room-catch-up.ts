import { ErrorCode, type Message } from '@roomlog/protocol';
import type { Requester } from './request.js';
import type { RoomEntry } from './room-entry.js';

/** Errors that a later retry of the same command can get past (others are final). */
export const TRANSIENT: ReadonlySet<string> = new Set([ErrorCode.INTERNAL, ErrorCode.RATE_LIMITED]);

/** What joining and catching up needs from the sync client. */
export interface CatchUpContext {
  requester: Requester;
  pageSize: number;
  /** Adds messages to the room's log and drops the outbox entries they deliver. */
  absorb(entry: RoomEntry, messages: readonly Message[]): void;
  /** Drops the outbox entries of messages already in the log. */
  forgetDelivered(entry: RoomEntry, messages: readonly Message[]): void;
  changed(): void;
}

/**
 * Joins the room on this connection (`epoch`) if it is not joined yet — from the contiguous seq
 * held, when there is one — then pages `room:history` until the log reaches the head.
 */
export async function joinAndCatchUp(
  entry: RoomEntry,
  epoch: number,
  ctx: CatchUpContext,
): Promise<void> {
  const { state } = entry;
  if (entry.joinedOn !== epoch) {
    const since = state.initialized ? state.contiguous : undefined;
    entry.setStatus(state.initialized ? 'catching-up' : 'joining');
    ctx.changed();
    const reply = await ctx.requester.send('room:join', {
      room: entry.room,
      ...(since === undefined ? {} : { since }),
    });
    if (!reply.ok) {
      if (TRANSIENT.has(reply.error.code)) throw new Error(`room:join: ${reply.error.code}`);
      entry.fail(reply.error);
      ctx.changed();
      return;
    }
    entry.joinedOn = epoch;
    entry.members = reply.data.members;
    if (since === undefined || reply.data.head < since) {
      // First join, or the server's log is shorter than ours (it was wiped): start over.
      state.reset(reply.data.messages, reply.data.head);
      ctx.forgetDelivered(entry, state.messages);
    } else {
      entry.resumedFrom ??= since;
      state.observeHead(reply.data.head);
      ctx.absorb(entry, reply.data.messages);
    }
  }
  while (state.behind) {
    entry.setStatus('catching-up');
    const reply = await ctx.requester.send('room:history', {
      room: entry.room,
      after: state.contiguous,
      limit: ctx.pageSize,
    });
    if (!reply.ok)
      throw new Error(`room:history failed: ${reply.error.code} ${reply.error.message}`);
    state.observeHead(reply.data.head);
    ctx.absorb(entry, reply.data.messages);
    if (reply.data.messages.length === 0) break;
  }
  entry.finishCatchUp();
  ctx.changed();
}
