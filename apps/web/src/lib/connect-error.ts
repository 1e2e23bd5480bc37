import type { ConnectionView } from '@roomlog/client';
import { HandshakeError } from '@roomlog/protocol';

/**
 * A sentence for a refused connection, or null when it was not refused (a connection being
 * retried is described by the badge, `connection-text.ts`). A refusal is recognised by its code
 * (`err.data.code`), never by its message, which carries a detail after the code.
 */
export function describeRefusal(connection: ConnectionView): string | null {
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
  return null;
}
