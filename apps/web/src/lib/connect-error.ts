import { HandshakeError } from '@roomlog/protocol';

/** A sentence for a `connect_error` message (the handshake refusals, or Socket.IO's own). */
export function describeConnectError(error: string): string {
  switch (error) {
    case HandshakeError.INVALID_NAME:
      return 'The server refused this name (INVALID_NAME). Choose another name in the lobby.';
    case HandshakeError.PROTOCOL_MISMATCH:
      return 'This page is out of date (PROTOCOL_MISMATCH). Reload it to update.';
    default:
      return `Cannot reach the server (${error}). Retrying…`;
  }
}
