import { DEFAULT_PAGE_SIZE, type HistoryResult, type Message } from '@roomlog/protocol';
import type { AppendResult, MessageStore } from '../storage/message-store.js';

export interface HistoryQuery {
  before?: number | undefined;
  after?: number | undefined;
  limit?: number | undefined;
}

export interface RoomLog {
  /** The page a joining client starts from: the newest page, or the page after `since`. */
  snapshot(room: string, since?: number): Promise<{ head: number; messages: Message[] }>;
  append(input: { room: string; id: string; author: string; text: string }): Promise<AppendResult>;
  history(room: string, query: HistoryQuery): Promise<Omit<HistoryResult, 'room'>>;
}

/** The message log of every room, over a {@link MessageStore}; knows nothing of sockets or HTTP. */
export function createRoomLog(deps: { store: MessageStore; now: () => Date }): RoomLog {
  const { store, now } = deps;

  async function history(room: string, query: HistoryQuery) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // Read the page before the head: a message committed in between is then reported by both,
    // never by neither, and clients dedupe by seq.
    const messages = await store.page(room, { before: query.before, after: query.after, limit });
    const head = await store.head(room);
    return { head, messages, hasMore: hasMore(messages, query, head) };
  }

  return {
    async snapshot(room, since) {
      // The joiner is in the room before this read, so anything committed after the head is read
      // reaches it as a broadcast: with nothing newer than `since` there is no page to read (an
      // empty room, a reconnect that missed nothing).
      const head = await store.head(room);
      if (head <= (since ?? 0)) return { head, messages: [] };
      const messages = await store.page(room, { after: since, limit: DEFAULT_PAGE_SIZE });
      // Seqs have no gaps: a page that reaches past the head read before it proves a later head.
      return { head: Math.max(head, messages.at(-1)?.seq ?? 0), messages };
    },
    append({ room, id, author, text }) {
      return store.append({ room, id, author, text, at: now().toISOString() });
    },
    history,
  };
}

// Seqs have no gaps, so whether more exists beyond a page follows from its ends.
function hasMore(messages: Message[], query: HistoryQuery, head: number): boolean {
  const first = messages[0];
  const last = messages[messages.length - 1];
  if (!first || !last) return false;
  const forward = query.after !== undefined && query.before === undefined;
  if (forward) return last.seq < head;
  if (query.after !== undefined && query.before !== undefined) {
    return last.seq < Math.min(query.before - 1, head);
  }
  return first.seq > 1;
}
