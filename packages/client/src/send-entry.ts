import { ErrorCode, type AckError, type Message } from '@roomlog/protocol';
import { TRANSIENT } from './room-catch-up.js';
import { AckTimeoutError, type Transport } from './transport.js';
import type { OutboxEntry } from './types.js';

/** What became of one attempt to send an outbox entry. */
export type SendOutcome =
  /** Stored (now, or by an earlier attempt whose ack was lost). */
  | { kind: 'delivered'; message: Message }
  /** Try the same id again after a pause: no ack in time, INTERNAL or RATE_LIMITED. */
  | { kind: 'retry' }
  /** The connection dropped: wait for the next one. */
  | { kind: 'offline' }
  /** The socket is not in the room (e.g. a new connection): join again first. */
  | { kind: 'rejoin' }
  /** Refused for a reason a retry cannot fix. */
  | { kind: 'refused'; error: AckError };

/** Sends one entry with its own id; the server stores an id at most once, so retries are safe. */
export async function sendEntry(
  transport: Transport,
  item: OutboxEntry,
  timeoutMs: number,
): Promise<SendOutcome> {
  let reply;
  try {
    reply = await transport.request(
      'message:send',
      { room: item.room, id: item.id, text: item.text },
      timeoutMs,
    );
  } catch (err) {
    return { kind: err instanceof AckTimeoutError ? 'retry' : 'offline' };
  }
  if (reply.ok) return { kind: 'delivered', message: reply.data.message };
  if (reply.error.code === ErrorCode.NOT_IN_ROOM) return { kind: 'rejoin' };
  if (TRANSIENT.has(reply.error.code)) return { kind: 'retry' };
  return { kind: 'refused', error: reply.error };
}
