import type { ConnectionView } from '@roomlog/client';
import { HandshakeError } from '@roomlog/protocol';

/**
 * A sentence for the connection's trouble, or null when there is none. A refusal is recognised
 * by its code (`err.data.code`), never by its message, which carries a detail after the code.
 */
export function describeConnection(connection: ConnectionView): string | null {
  const { state, error } = connection;
  if (state === 'refused') {
    switch (error?.code) {
      case HandshakeError.INVALID_NAME:
        return 'The server refused this name (INVALID_NAME). Choose another name in the lobby.';
      case HandshakeError.PROTOCOL_MISMATCH:
        return 'This page is out of date (PROTOCOL_MISMATCH). Reload it to update.';
      default:
        return `The server refused the connection (${error?.code ?? 'unknown'}): ${error?.message ?? ''}`;
    }
  }
  if (state === 'connected') return null;
  if (error) return `Cannot reach the server (${error.message}). Retrying…`;
  return state === 'disconnected' ? 'Connection lost. Reconnecting…' : null;
}
