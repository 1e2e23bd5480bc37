import http from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/index.js';
import { startHaproxy } from '@roomlog/deploy/haproxy';
import { startServer, type RunningServer } from '../support/harness.js';
import { freePort } from '../support/server-process.js';

// Behind HAProxy every connection comes from HAProxy's address. With HAProxy trusted, the node
// reads the client's own address from the X-Forwarded-For hop HAProxy appends, so the cap of
// connections per address counts people, not the balancer.

let server: RunningServer | undefined;
let haproxy: Awaited<ReturnType<typeof startHaproxy>> | undefined;
afterEach(async () => {
  await haproxy?.stop();
  await server?.close();
  haproxy = server = undefined;
});

/** An Engine.IO handshake (long-polling's first GET) from `localAddress`; the HTTP status. */
function handshake(
  url: string,
  localAddress: string,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/socket.io/?EIO=4&transport=polling`, { localAddress, headers }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

async function behindHaproxy(env: Record<string, string>): Promise<string> {
  server = await startServer({ ROOMLOG_STORE: 'memory', ROOMLOG_CONNECTIONS_PER_IP: '1', ...env });
  haproxy = await startHaproxy({
    port: await freePort(),
    nodes: [{ id: 'node-a', port: server.port }],
  });
  return haproxy.url;
}

it('with HAProxy trusted, the cap counts each client address, and a forged hop is ignored', async () => {
  const url = await behindHaproxy({ ROOMLOG_TRUSTED_PROXIES: '127.0.0.1' });
  expect(await handshake(url, '127.0.0.2')).toBe(200);
  expect(await handshake(url, '127.0.0.3')).toBe(200);
  // The cap is one connection per address: 127.0.0.2 already holds it, whatever it claims.
  expect(await handshake(url, '127.0.0.2')).toBe(403);
  expect(await handshake(url, '127.0.0.2', { 'X-Forwarded-For': '198.51.100.9' })).toBe(403);
});

it('without trusted proxies, every client behind HAProxy shares its address', async () => {
  const url = await behindHaproxy({});
  expect(await handshake(url, '127.0.0.2')).toBe(200);
  expect(await handshake(url, '127.0.0.3')).toBe(403);
});

it('reads ROOMLOG_TRUSTED_PROXIES as a list of IP addresses, and refuses anything else', () => {
  expect(loadConfig({}).trustedProxies).toEqual([]);
  expect(loadConfig({ ROOMLOG_TRUSTED_PROXIES: ' 10.0.0.2, ::1 ' }).trustedProxies).toEqual([
    '10.0.0.2',
    '::1',
  ]);
  expect(() => loadConfig({ ROOMLOG_TRUSTED_PROXIES: '10.0.0.0/8' })).toThrow(
    /ROOMLOG_TRUSTED_PROXIES.*must be IP addresses/,
  );
});
