import type { Message } from '@roomlog/protocol';
import type { MessageStore, PageQuery } from './message-store.js';

/**
 * A {@link MessageStore} held in process memory, for tests and throwaway runs; lost on exit.
 * Each room's log is an array where `log[seq - 1]` is the message with that seq.
 */
export function createMemoryStore(): MessageStore {
  const logs = new Map<string, Message[]>();
  const byId = new Map<string, Map<string, Message>>();
  let closed = false;

  // Match the SQLite store, which throws once its handle is closed.
  const assertOpen = (): void => {
    if (closed) throw new Error('message store is closed');
  };
  // Hand out copies, as a database would, so callers cannot edit the stored log.
  const copy = (message: Message): Message => ({ ...message });

  /* eslint-disable @typescript-eslint/require-await -- MessageStore is async for PostgreSQL; async here keeps a thrown error (bad limit, closed store) a rejection, as from PostgreSQL. */
  return {
    // No await inside: the lookup, seq assignment and push run in one turn, so concurrent
    // appends cannot interleave.
    async append(input) {
      assertOpen();
      const ids = byId.get(input.room) ?? new Map<string, Message>();
      const existing = ids.get(input.id);
      if (existing) return { message: copy(existing), created: false };
      const log = logs.get(input.room) ?? [];
      const message: Message = {
        id: input.id,
        room: input.room,
        seq: log.length + 1,
        author: input.author,
        text: input.text,
        at: input.at,
      };
      log.push(message);
      ids.set(message.id, message);
      logs.set(input.room, log);
      byId.set(input.room, ids);
      return { message: copy(message), created: true };
    },

    async head(room) {
      assertOpen();
      return logs.get(room)?.length ?? 0;
    },

    async page(room, { after, before, limit }: PageQuery) {
      assertOpen();
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`invalid limit ${limit}`);
      const log = logs.get(room) ?? [];
      // Seqs in the window are lo+1 .. hi, i.e. indexes lo .. hi-1.
      const lo = Math.min(log.length, Math.max(0, after ?? 0));
      const hi = Math.max(lo, Math.min(log.length, before === undefined ? log.length : before - 1));
      const slice =
        after !== undefined
          ? log.slice(lo, Math.min(hi, lo + limit))
          : log.slice(Math.max(lo, hi - limit), hi);
      return slice.map(copy);
    },

    async rooms() {
      assertOpen();
      return [...logs.entries()]
        .map(([room, log]) => ({ room, messages: log.length }))
        .sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : 0));
    },

    async close() {
      closed = true;
    },
  };
  /* eslint-enable @typescript-eslint/require-await */
}
