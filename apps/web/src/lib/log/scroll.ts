/** The scroll state of the log's scroller. */
export interface ScrollMetrics {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/** How close (px) to an edge still counts as "at" it. */
export const EDGE_PX = 80;

/** Near the bottom: new messages should keep the view pinned there. */
export function isNearBottom(m: ScrollMetrics, edge = EDGE_PX): boolean {
  return m.scrollHeight - m.scrollTop - m.clientHeight <= edge;
}

/** Near the top with older messages to fetch and no fetch under way. */
export function shouldLoadOlder(
  m: ScrollMetrics,
  state: { hasOlder: boolean; loading: boolean },
  edge = EDGE_PX,
): boolean {
  return state.hasOlder && !state.loading && m.scrollTop <= edge;
}

/** What to do with the scroll position after the log changed. */
export type ScrollAction =
  | { kind: 'bottom' }
  | { kind: 'restore'; scrollTop: number }
  | { kind: 'marker'; afterSeq: number }
  | { kind: 'none' };

export interface LogSnapshot {
  /** The seq of the oldest message held, or null for an empty log. */
  firstSeq: number | null;
  /** How many rows the log has (messages, markers and outbox entries). */
  count: number;
  /** How many outbox entries the log shows. */
  pending: number;
  /** The `afterSeq` of the newest resume marker, or null when there is none. */
  lastMarker: number | null;
  metrics: ScrollMetrics;
}

/** The log's shape after an update. */
export type LogShape = Omit<LogSnapshot, 'metrics'> & { scrollHeight: number };

/**
 * Decides the scroll after an update, from the snapshot taken just before it and the scroll
 * height after it. Older messages put in above keep what the reader sees in place (by the
 * height they added); a new row at the bottom follows the reader only if they were near the
 * bottom, except their own message, which always scrolls into view. A new resume marker (a
 * catch-up just finished) opens the log there, at the first message missed, not past it.
 */
export function scrollAfterUpdate(before: LogSnapshot, after: LogShape): ScrollAction {
  if (after.lastMarker !== null && after.lastMarker !== before.lastMarker) {
    return { kind: 'marker', afterSeq: after.lastMarker };
  }
  if (before.count === 0 && after.count > 0) return { kind: 'bottom' };
  const prepended =
    before.firstSeq !== null && after.firstSeq !== null && after.firstSeq < before.firstSeq;
  if (prepended) {
    const delta = after.scrollHeight - before.metrics.scrollHeight;
    return { kind: 'restore', scrollTop: before.metrics.scrollTop + delta };
  }
  if (after.pending > before.pending) return { kind: 'bottom' };
  if (after.count > before.count && isNearBottom(before.metrics)) return { kind: 'bottom' };
  return { kind: 'none' };
}
