import { HandshakeError } from '@roomlog/protocol';

/**
 * A sentence for a `connect_error` message: the handshake refusals (`"CODE: detail"`, the detail
 * saying why, e.g. which character a name may not contain), or Socket.IO's own.
 */
export function describeConnectError(error: string): string {
  const [code = '', ...rest] = error.split(': ');
  const detail = rest.length > 0 ? `: ${rest.join(': ')}` : '';
  switch (code) {
    case HandshakeError.INVALID_NAME:
      return `The server refused this name (INVALID_NAME${detail}). Choose another name in the lobby.`;
    case HandshakeError.NAME_TAKEN:
      return 'Someone else is using this name right now (NAME_TAKEN). Choose another name in the lobby.';
    case HandshakeError.PROTOCOL_MISMATCH:
      return 'This page is out of date (PROTOCOL_MISMATCH). Reload it to update.';
    default:
      return `Cannot reach the server (${error}). Retrying…`;
  }
}
