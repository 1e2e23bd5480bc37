import type { OutboxEntry, ResumeMarker, RoomView } from '@roomlog/client';
import type { Message } from '@roomlog/protocol';

/** One row of a room's log, keyed for a keyed `{#each}`. */
export type LogItem =
  | { kind: 'message'; key: string; message: Message }
  | { kind: 'marker'; key: string; marker: ResumeMarker }
  | { kind: 'outbox'; key: string; entry: OutboxEntry };

/**
 * The log as shown: committed messages in seq order, each resume marker right after the message
 * with `seq === afterSeq` (before the first later message when that one is not held), then the
 * outbox entries not yet acknowledged. An entry whose message already arrived (the broadcast can
 * beat the ack) is shown once, as the message.
 */
export function buildLogItems(view: Pick<RoomView, 'messages' | 'markers' | 'pending'>): LogItem[] {
  const markers = [...view.markers].sort((a, b) => a.afterSeq - b.afterSeq);
  const items: LogItem[] = [];
  let next = 0;
  const placeMarkersBefore = (seq: number) => {
    for (let marker = markers[next]; marker && marker.afterSeq < seq; marker = markers[++next]) {
      items.push({ kind: 'marker', key: `r:${marker.afterSeq}`, marker });
    }
  };
  const sentIds = new Set<string>();
  for (const message of view.messages) {
    placeMarkersBefore(message.seq);
    items.push({ kind: 'message', key: `m:${message.id}`, message });
    sentIds.add(message.id);
  }
  placeMarkersBefore(Number.POSITIVE_INFINITY);
  for (const entry of view.pending) {
    if (!sentIds.has(entry.id)) items.push({ kind: 'outbox', key: `p:${entry.id}`, entry });
  }
  return items;
}
