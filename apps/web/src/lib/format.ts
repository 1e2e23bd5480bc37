import type { RoomSummary } from '@roomlog/protocol';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `HH:MM` in the viewer's time zone; an unreadable timestamp gives an empty string. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The full local date and time, for a tooltip. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString();
}

/** `1 message`, `3 messages`. */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The text of a resume marker. */
export function missedText(missed: number): string {
  return `${plural(missed, 'message', 'messages')} while you were away`;
}

/** The line under a room in the lobby, e.g. `3 online · 120 messages`. */
export function roomSummaryText(summary: Pick<RoomSummary, 'members' | 'messages'>): string {
  return `${summary.members} online · ${plural(summary.messages, 'message', 'messages')}`;
}
