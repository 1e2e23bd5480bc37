import type { FastifyInstance } from 'fastify';

/** How long polling clients get to pick up the "close" packet before the server goes away. */
const CLOSE_GRACE_MS = 1000;

/**
 * A graceful stop: `/readyz` turns 503 and new Socket.IO sessions are refused (so HAProxy sends
 * reconnects elsewhere); sends already committing finish and are acked; then every client's
 * transport is closed (the client sees "transport close" and reconnects, through HAProxy to another
 * node, and catches up); finally Fastify closes Socket.IO, presence, Redis and the store.
 */
export async function drainAndClose(app: FastifyInstance): Promise<void> {
  app.lifecycle.drain();
  await app.lifecycle.idle();
  // Not disconnectSockets(): a server-side disconnect tells Socket.IO clients not to reconnect.
  for (const socket of app.io.of('/').sockets.values()) socket.conn.close();
  await new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS));
  await app.close();
}
