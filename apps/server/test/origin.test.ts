import { expect, it } from 'vitest';
import { connectWebSocket, openPolling, openWebSocket } from './support/raw-engine.js';
import { useServer } from './support/harness.js';

const server = useServer(() => ({
  ROOMLOG_STORE: 'memory',
  ALLOWED_ORIGINS: 'http://localhost:5173',
}));

const EVIL = 'http://evil.example';

it('refuses a foreign origin with 403 on long-polling', async () => {
  const res = await fetch(`${server().url}/socket.io/?EIO=4&transport=polling`, {
    headers: { origin: EVIL },
  });
  expect(res.status).toBe(403);
  expect(await res.text()).toContain('FORBIDDEN_ORIGIN');
  for (const origin of ['null', 'http://127.0.0.1.evil.example', `https://evil.example`]) {
    const other = await fetch(`${server().url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin },
    });
    expect(other.status, origin).toBe(403);
  }
});

it('refuses the WebSocket upgrade from a foreign origin', async () => {
  // Engine.IO answers a refused upgrade with a plain HTTP 400 carrying the reason.
  const refused = await openWebSocket(server().url, { origin: EVIL }).then(
    () => null,
    (err: { status: number; body: string }) => err,
  );
  expect(refused?.status).toBe(400);
  expect(refused?.body).toContain('FORBIDDEN_ORIGIN');
});

it("accepts the page's own origin and the listed ones, on both transports", async () => {
  const own = server().url; // http://127.0.0.1:<port>, the Host the browser asked for
  for (const origin of [own, 'http://localhost:5173']) {
    const polling = await openPolling(server().url, { origin });
    expect(polling.sid).toBeTruthy();
    const ws = await connectWebSocket(server().url, `ws-${origin.length}`, { origin });
    ws.close();
  }
  // Not a browser (no Origin header): allowed, as for Node clients.
  expect((await openPolling(server().url)).sid).toBeTruthy();
});
