import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, expectOk, startServer, tempDir, type RunningServer } from './support/harness.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('HTTP API', () => {
  it('reports health', async () => {
    server = await startServer();
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', node: expect.any(String) as unknown });
  });

  it('lists rooms with messages or members, with message and live member counts', async () => {
    server = await startServer();
    const alice = await connect(server.url, 'alice');
    const bob = await connect(server.url, 'bob');
    await expectOk(alice, 'room:join', { room: 'general' });
    await expectOk(bob, 'room:join', { room: 'general' });
    await expectOk(bob, 'room:join', { room: 'quiet' });
    for (const text of ['a', 'b', 'c']) {
      await expectOk(alice, 'message:send', { room: 'general', id: crypto.randomUUID(), text });
    }
    await expectOk(alice, 'room:join', { room: 'archive' });
    await expectOk(alice, 'message:send', {
      room: 'archive',
      id: crypto.randomUUID(),
      text: 'old',
    });
    await expectOk(alice, 'room:leave', { room: 'archive' });

    const res = await fetch(`${server.url}/api/rooms`);
    expect(await res.json()).toEqual({
      rooms: [
        { room: 'general', messages: 3, members: 2 },
        { room: 'quiet', messages: 0, members: 1 },
        { room: 'archive', messages: 1, members: 0 },
      ],
      total: 3,
      next: null,
    });
    const page = await fetch(`${server.url}/api/rooms?offset=1&limit=1`);
    expect(await page.json()).toEqual({
      rooms: [{ room: 'quiet', messages: 0, members: 1 }],
      total: 3,
      next: 2,
    });
    const bad = await fetch(`${server.url}/api/rooms?limit=1000`);
    expect(bad.status).toBe(400);
    alice.close();
    bob.close();
  });

  it('serves the same history pages as room:history', async () => {
    server = await startServer();
    const alice = await connect(server.url, 'alice');
    await expectOk(alice, 'room:join', { room: 'general' });
    for (let i = 1; i <= 5; i++) {
      await expectOk(alice, 'message:send', {
        room: 'general',
        id: crypto.randomUUID(),
        text: `m${i}`,
      });
    }
    const res = await fetch(`${server.url}/api/rooms/General/messages?before=5&limit=2`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { messages: { text: string }[] };
    const socketPage = await expectOk(alice, 'room:history', {
      room: 'general',
      before: 5,
      limit: 2,
    });
    expect(body).toEqual(socketPage);
    expect(body.messages.map((m) => m.text)).toEqual(['m3', 'm4']);
    alice.close();
  });
});

describe('the web app', () => {
  it('serves its files and answers deep links with index.html', async () => {
    const webRoot = tempDir();
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Roomlog</title>');
    fs.mkdirSync(path.join(webRoot, '_app', 'immutable'), { recursive: true });
    fs.writeFileSync(path.join(webRoot, '_app', 'immutable', 'app.js'), 'export {}');
    server = await startServer({ ROOMLOG_STORE: 'memory', ROOMLOG_WEB_ROOT: webRoot });
    const base = server.url;

    const deep = await fetch(`${base}/r/general`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>Roomlog</title>');
    const asset = await fetch(`${base}/_app/immutable/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // API misses stay JSON 404s, not the page.
    const api = await fetch(`${base}/api/missing`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    // A deep link is the app whatever the Accept header says (curl sends */*, some send none).
    for (const accept of ['*/*', 'application/json', '']) {
      const page = await fetch(`${base}/r/general?x=1`, { headers: { accept } });
      expect(page.status, `accept "${accept}"`).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
    }
    // Missing files, build output and Socket.IO paths are never answered with the page.
    for (const miss of ['/favicon-missing.ico', '/_app/immutable/gone.js', '/socket.io/x']) {
      const res = await fetch(`${base}${miss}`, { headers: { accept: 'text/html' } });
      expect(res.headers.get('content-type'), miss).not.toContain('text/html');
    }
  });

  it('sends security headers on every page, with a CSP that allows only its own bootstrap script', async () => {
    const webRoot = tempDir();
    const bootstrap = 'console.log("boot")';
    fs.writeFileSync(
      path.join(webRoot, 'index.html'),
      `<!doctype html><title>Roomlog</title><script type="module" src="/a.js"></script><script>${bootstrap}</script>`,
    );
    server = await startServer({ ROOMLOG_STORE: 'memory', ROOMLOG_WEB_ROOT: webRoot });
    const base = server.url;

    const hash = createHash('sha256').update(bootstrap).digest('base64');
    for (const url of ['/', '/r/general', '/api/rooms', '/api/missing']) {
      const res = await fetch(`${base}${url}`, { headers: { accept: 'text/html' } });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain(`script-src 'self' 'sha256-${hash}'`);
      expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain(
        'unsafe-inline',
      );
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});
