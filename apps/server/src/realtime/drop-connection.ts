import type { FastifyBaseLogger } from 'fastify';
import type { DropPayload } from '@roomlog/protocol';
import type { RoomlogSocket } from './types.js';

// A flooder gets this long to read why it is dropped before the connection is cut.
const GRACEFUL_MS = 1000;

/**
 * Closes one connection for cause, and logs why. The engine connection is closed (not the
 * Socket.IO socket), so the client sees a transport close and reconnects by itself, then catches
 * up from the log. A slow consumer's queue is discarded at once; a flooder is first told why.
 */
export function dropConnection(
  socket: RoomlogSocket,
  reason: DropPayload,
  log: FastifyBaseLogger,
  dropped: { value: boolean },
): void {
  if (dropped.value) return;
  dropped.value = true;
  const { name, session, address } = socket.data;
  log.warn(
    { socket: socket.id, name, session, address, transport: socket.conn.transport.name, ...reason },
    'connection dropped',
  );
  if (reason.code === 'SLOW_CONSUMER') {
    forceClose(socket);
    return;
  }
  socket.emit('connection:dropped', reason);
  socket.conn.close();
  const timer = setTimeout(() => forceClose(socket), GRACEFUL_MS);
  timer.unref();
  socket.conn.once('close', () => clearTimeout(timer));
}

// Engine.IO's transports as far as a forced close needs them (not in engine.io's types).
interface TransportInternals {
  name: string;
  /** WebSocket: the raw `ws` socket. */
  socket?: { terminate(): void };
  /** Long-polling: an orderly close waiting for the next GET (up to 30 s). */
  shouldClose?: (() => void) | null;
}

function forceClose(socket: RoomlogSocket): void {
  const conn = socket.conn;
  if (conn.readyState === 'closed') return;
  // engine.io's Transport type hides these internals: reach them through a narrow shape.
  const transport = conn.transport as unknown as TransportInternals;
  if (transport.name === 'websocket') {
    // ws.close() would wait for the unread queue; terminate() frees it now.
    transport.socket?.terminate();
  } else if (transport.shouldClose) {
    // Finish the orderly close now instead of waiting for a GET that may never come.
    const finish = transport.shouldClose;
    transport.shouldClose = null;
    finish();
  }
  // discard: do not wait for a long-polling GET to drain the write buffer.
  conn.close(true);
}
