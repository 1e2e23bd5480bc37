import type { ConnectionView } from '@roomlog/client';

/** The optional fields of `ConnectionView` the badge reads (each shown only when present). */
export interface ConnectionDetails {
  /** The number of the reconnection attempt under way (1, 2, …) while disconnected. */
  attempt?: number;
  /** When the next attempt starts (epoch ms) while disconnected. */
  nextRetryAt?: number;
  /** The latest round-trip time of a periodic ack'd ping, while connected. */
  rttMs?: number;
}

export type ConnectionInfo = ConnectionView & ConnectionDetails;

/** The badge, in words. */
export interface ConnectionText {
  /** `idle` (grey: nothing asked of the server yet), `ok`, `busy` (amber), `down` (red). */
  tone: 'idle' | 'ok' | 'busy' | 'down';
  /** The state word: `not connected`, `connecting`, `connected` or `disconnected`. */
  state: string;
  /** A plain sentence while not connected, e.g. `Reconnecting… attempt 3, next try in 4 s`. */
  detail: string | null;
  /** `websocket · 23 ms`-style parts while connected. */
  transport: string | null;
  rtt: string | null;
  /** The tooltip: what the transport means. */
  title: string;
}

const POLLING_TITLE =
  'Long-polling: messages go over ordinary HTTP requests because no WebSocket is open (yet); it works everywhere, a little slower.';
const WEBSOCKET_TITLE = 'WebSocket: one open two-way connection to the server.';

/**
 * Words for the connection badge. `null` is the lobby before any name is given: no socket, so
 * no alarm. A connection that never succeeded yet is "connecting", not an outage.
 */
export function describeConnectionBadge(
  info: ConnectionInfo | null,
  { everConnected, now }: { everConnected: boolean; now: number },
): ConnectionText {
  if (info === null) {
    return {
      tone: 'idle',
      state: 'not connected',
      detail: null,
      transport: null,
      rtt: null,
      title: 'Roomlog connects when you join a room.',
    };
  }
  if (info.state === 'connected') {
    const polling = info.transport === 'polling';
    return {
      tone: 'ok',
      state: 'connected',
      detail: null,
      transport: info.transport ?? 'none',
      rtt: info.rttMs === undefined ? null : `${Math.round(info.rttMs)} ms`,
      title: polling ? POLLING_TITLE : WEBSOCKET_TITLE,
    };
  }
  const refused = info.state === 'refused';
  return {
    tone: refused ? 'down' : everConnected ? 'busy' : 'idle',
    state: info.state,
    detail: refused ? null : retryText(info, everConnected, now),
    transport: null,
    rtt: null,
    title: refused ? 'The server refused the connection.' : 'Trying to reach the server.',
  };
}

function retryText(info: ConnectionInfo, everConnected: boolean, now: number): string {
  const parts = [everConnected ? 'Reconnecting…' : 'Connecting…'];
  if (info.attempt !== undefined) parts.push(`attempt ${info.attempt}`);
  if (info.nextRetryAt !== undefined) {
    const seconds = Math.max(0, Math.ceil((info.nextRetryAt - now) / 1000));
    parts.push(seconds > 0 ? `next try in ${seconds} s` : 'trying now');
  }
  const [first, ...rest] = parts;
  return rest.length === 0 ? (first ?? '') : `${first} ${rest.join(', ')}`;
}
