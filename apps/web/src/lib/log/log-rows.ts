import type { OutboxEntry, ResumeMarker } from '@roomlog/client';
import type { Message } from '@roomlog/protocol';
import { dayKey, dayLabel, parseTime } from './dates';
import type { LogItem } from './log-items';

/** Messages of one author closer together than this are shown as one group. */
export const GROUP_WINDOW_MS = 5 * 60_000;

/** A message or outbox entry as shown: who, when, and whether it continues a group. */
interface Said {
  author: string;
  /** When it was written; null for an unreadable timestamp. */
  at: Date | null;
  /** Continues the group of the row above: same author, same day, within GROUP_WINDOW_MS. */
  grouped: boolean;
}

/** One row of the log as rendered. */
export type LogRow =
  | { kind: 'start'; key: string }
  | { kind: 'day'; key: string; label: string }
  | { kind: 'marker'; key: string; marker: ResumeMarker }
  | ({ kind: 'message'; key: string; message: Message } & Said)
  | ({ kind: 'outbox'; key: string; entry: OutboxEntry } & Said);

export interface RowOptions {
  /** Our own name: the author of outbox entries. */
  me: string;
  /** Today, for "Today" and "Yesterday". */
  now: Date;
  /** The oldest message of the room is held: show the start-of-room marker. */
  atStart: boolean;
}

/**
 * Decorates the log's items for display: a start-of-room row when the whole log is loaded, a
 * day separator before the first row of each local day, and each message marked as grouped
 * when it continues the previous one's author within a few minutes. A resume marker breaks a
 * group, so the first message after it shows its author again.
 */
export function buildLogRows(items: readonly LogItem[], options: RowOptions): LogRow[] {
  const rows: LogRow[] = [];
  if (options.atStart) rows.push({ kind: 'start', key: 'start' });
  let day: string | null = null;
  let previous: { author: string; at: Date | null } | null = null;
  for (const item of items) {
    if (item.kind === 'marker') {
      rows.push(item);
      previous = null;
      continue;
    }
    const author = item.kind === 'message' ? item.message.author : options.me;
    const at = parseTime(item.kind === 'message' ? item.message.at : item.entry.createdAt);
    if (at && dayKey(at) !== day) {
      day = dayKey(at);
      // A resume marker just above belongs to this day: the separator goes above it.
      let index = rows.length;
      while (index > 0 && rows[index - 1]?.kind === 'marker') index--;
      rows.splice(index, 0, { kind: 'day', key: `d:${day}`, label: dayLabel(at, options.now) });
      previous = null;
    }
    const grouped =
      previous !== null &&
      previous.author === author &&
      at !== null &&
      previous.at !== null &&
      at.getTime() - previous.at.getTime() >= 0 &&
      at.getTime() - previous.at.getTime() <= GROUP_WINDOW_MS;
    rows.push({ ...item, author, at, grouped });
    previous = { author, at };
  }
  return rows;
}
