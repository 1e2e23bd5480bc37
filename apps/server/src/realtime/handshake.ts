import { HandshakeAuth, HandshakeError, PROTOCOL_VERSION, parsePayload } from '@roomlog/protocol';
import type { RoomlogSocket } from './types.js';

type HandshakeFailure = Error & { data: { code: HandshakeError } };

function refuse(code: HandshakeError, detail: string): HandshakeFailure {
  // The client sees `err.message` and `err.data` in its `connect_error` handler.
  return Object.assign(new Error(`${code}: ${detail}`), { data: { code } });
}

/**
 * Socket.IO middleware: checks the protocol version and the display name before any event.
 * It runs for every connection, including ones restored by connection-state recovery.
 */
export function checkHandshake(socket: RoomlogSocket, next: (err?: Error) => void): void {
  const auth: unknown = socket.handshake.auth;
  const protocol = (auth as { protocol?: unknown } | null)?.protocol;
  if (protocol !== PROTOCOL_VERSION) {
    next(
      refuse(
        HandshakeError.PROTOCOL_MISMATCH,
        `this server speaks protocol ${PROTOCOL_VERSION}, the client sent ${JSON.stringify(protocol ?? null)}`,
      ),
    );
    return;
  }
  const parsed = parsePayload(HandshakeAuth, auth);
  if (!parsed.ok) {
    next(refuse(HandshakeError.INVALID_NAME, parsed.error.message));
    return;
  }
  socket.data.name = parsed.data.name;
  next();
}
