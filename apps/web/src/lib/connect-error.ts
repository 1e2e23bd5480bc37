import type { ConnectionView } from '@roomlog/client';
import { HandshakeError } from '@roomlog/protocol';

/**
 * A sentence for a refused connection, or null when it was not refused (a connection being
 * retried is described by the badge, `connection-text.ts`). A refusal is recognised by its code
 * (`err.data.code`), never by its message; the message's detail after `CODE: ` says why (e.g.
 * which character a name may not contain) and is kept where it helps.
 */
export function describeRefusal(connection: ConnectionView): string | null {
  const { state, error } = connection;
  if (state !== 'refused') return null;
  const message = error?.message ?? '';
  const detail =
    error?.code && message.startsWith(`${error.code}: `) ? message.slice(error.code.length) : '';
  switch (error?.code) {
    case HandshakeError.INVALID_NAME:
      return `The server refused this name (INVALID_NAME${detail}). Choose another name in the lobby.`;
    case HandshakeError.NAME_TAKEN:
      return 'Someone else is using this name right now (NAME_TAKEN). Choose another name in the lobby.';
    case HandshakeError.PROTOCOL_MISMATCH:
      return 'This page is out of date (PROTOCOL_MISMATCH). Reload it to update.';
    default:
      return `The server refused the connection (${error?.code ?? 'unknown'}): ${message}`;
  }
}
