import type { Message } from '@roomlog/protocol';

/** What the sidebar shows for one room that is not on screen. */
export interface Unread {
  /** Messages from others after the read position. */
  count: number;
  /** One of them contains our name. */
  mention: boolean;
}

export const NOTHING_UNREAD: Unread = { count: 0, mention: false };

/** The part of a room snapshot unread counting needs. */
export interface UnreadInput {
  messages: readonly Pick<Message, 'seq' | 'author' | 'text'>[];
  /** The newest seq the server has reported. */
  head: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `text` mentions `name`: the name as a whole word (or `@name`), in any case. A name
 * inside a longer word ("ada" in "Canada") is not a mention.
 */
export function mentions(text: string, name: string): boolean {
  const trimmed = name.trim();
  if (trimmed === '') return false;
  const word = new RegExp(`(?<![\\p{L}\\p{N}_])${escape(trimmed)}(?![\\p{L}\\p{N}_])`, 'iu');
  return word.test(text);
}

/**
 * Unread messages of a room read up to `readSeq`. Messages not held (a gap between the read
 * position and the oldest message held, e.g. after a long absence) count as unread, since their
 * authors are unknown; our own messages never do.
 */
export function countUnread(input: UnreadInput, readSeq: number | null, me: string): Unread {
  if (readSeq === null) return NOTHING_UNREAD;
  let count = 0;
  let mention = false;
  for (const message of input.messages) {
    if (message.seq <= readSeq || message.author === me) continue;
    count += 1;
    mention ||= mentions(message.text, me);
  }
  const oldestHeld = input.messages[0]?.seq ?? input.head + 1;
  count += Math.max(0, Math.min(oldestHeld - 1, input.head) - readSeq);
  return { count, mention };
}

/** The newest seq a reader of this room has seen once it is on screen. */
export function readPosition(input: UnreadInput): number {
  return Math.max(input.head, input.messages.at(-1)?.seq ?? 0);
}

/** The tab title: the unread total of the other rooms first, so it shows in a narrow tab. */
export function documentTitle(room: string | null, unreadTotal: number): string {
  const base = room === null ? 'Roomlog' : `#${room} · Roomlog`;
  return unreadTotal > 0 ? `(${unreadTotal}) ${base}` : base;
}

/** "3 unread", "3 unread, mentions you": the sidebar badge's accessible text. */
export function unreadLabel(unread: Unread): string {
  if (unread.count === 0) return '';
  return `${unread.count} unread${unread.mention ? ', mentions you' : ''}`;
}
