import {
  HandshakeAuth,
  HandshakeError,
  PROTOCOL_VERSION,
  nameKey,
  parsePayload,
} from '@roomlog/protocol';
import type { NameRegistry } from '../domain/name-registry.js';
import type { ClientAddressOf } from './client-address.js';
import type { SessionTokens } from './session-token.js';
import type { RoomlogSocket } from './types.js';

type HandshakeFailure = Error & { data: { code: HandshakeError } };

function refuse(code: HandshakeError, detail: string): HandshakeFailure {
  // The client sees `err.message` and `err.data` in its `connect_error` handler.
  return Object.assign(new Error(`${code}: ${detail}`), { data: { code } });
}

export interface HandshakeDeps {
  tokens: SessionTokens;
  names: NameRegistry;
  addressOf: ClientAddressOf;
}

/**
 * Socket.IO middleware: checks the protocol version and the display name, then binds the name to
 * a session. A genuine token from an earlier `session:started` keeps its session (and so the
 * name it holds); without one, the connection starts a new session. The name is refused when
 * another session holds it or a variant of it (NFKC, case, look-alikes), on any node.
 */
export function createHandshakeCheck({ tokens, names, addressOf }: HandshakeDeps) {
  return (socket: RoomlogSocket, next: (err?: Error) => void): void => {
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
      const detail = parsed.error.message.replace(/^name: /, '');
      next(refuse(HandshakeError.INVALID_NAME, `name ${detail}`));
      return;
    }
    const { name, token, clientKey } = parsed.data;
    const session =
      (token && tokens.verify(token)?.session) ||
      (clientKey ? tokens.sessionOfClientKey(clientKey) : tokens.newSession());
    const key = nameKey(name);
    // Listening before the claim resolves: a connection that dies meanwhile still releases.
    const release = () => {
      names.release(key, session, socket.id).catch(() => undefined);
    };
    socket.once('disconnect', release);
    // Also when the connection dies before Socket.IO reports a connect.
    socket.conn.once('close', release);
    names.claim(key, session, socket.id).then(
      (claimed) => {
        if (!claimed) {
          next(
            refuse(HandshakeError.NAME_TAKEN, `someone else is using the name "${name}" right now`),
          );
          return;
        }
        socket.data = { name, session, address: addressOf(socket.request) };
        next();
      },
      (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
    );
  };
}
