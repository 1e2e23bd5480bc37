import { afterEach, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@roomlog/protocol';
import { MAX_IN_FLIGHT } from '../src/realtime/command-gate.js';
import {
  connect,
  expectOk,
  request,
  startServer,
  type RunningServer,
  type TestSocket,
} from './support/harness.js';
import { connectPolling, eventPacket, openPolling } from './support/raw-engine.js';
import { must } from './support/must.js';

let server: RunningServer | undefined;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.close();
  server = undefined;
});

async function start(env: Record<string, string>) {
  server = await startServer({ ROOMLOG_STORE: 'memory', ...env });
  return server;
}
async function person(name: string, options: Parameters<typeof connect>[2] = {}) {
  const socket = await connect(must(server).url, name, options);
  sockets.push(socket);
  return socket;
}
const send = (socket: TestSocket, text: string) =>
  request(socket, 'message:send', { room: 'general', id: crypto.randomUUID(), text });
const outcome = (r: { ok: boolean; error?: { code: string } }) =>
  r.ok ? 'ok' : must(r.error).code;

it('limits sends per person, not per connection: tabs share it, a reconnect does not refill it', async () => {
  await start({ ROOMLOG_SEND_RATE: '0.1', ROOMLOG_SEND_BURST: '3' });
  const tab1 = await person('alice');
  const tab2 = await person('alice'); // the same person: the harness presents her token
  const bob = await person('bob');
  for (const s of [tab1, tab2, bob]) await expectOk(s, 'room:join', { room: 'general' });

  const replies = [await send(tab1, 'a0'), await send(tab2, 'a1'), await send(tab1, 'a2')];
  const refused = await send(tab2, 'a3');
  expect([...replies, refused].map(outcome)).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
  expect(refused.ok || refused.error.retryAfter).toBeGreaterThan(0);

  tab1.close();
  tab2.close();
  const back = await person('alice');
  await expectOk(back, 'room:join', { room: 'general' });
  expect(outcome(await send(back, 'a4'))).toBe('RATE_LIMITED');

  // Bob has a budget of his own.
  await expectOk(bob, 'message:send', { room: 'general', id: crypto.randomUUID(), text: 'b' });
  const page = await expectOk(bob, 'room:history', { room: 'general' });
  expect(page.messages.map((m) => m.text)).toEqual(['a0', 'a1', 'a2', 'b']);
});

it('limits joins per minute and history requests per minute, with retryAfter', async () => {
  await start({ ROOMLOG_JOINS_PER_MINUTE: '3', ROOMLOG_HISTORY_PER_MINUTE: '2' });
  const alice = await person('alice');
  const joins = [];
  for (const room of ['a', 'b', 'c', 'd']) joins.push(await request(alice, 'room:join', { room }));
  expect(joins.map(outcome)).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
  const last = must(joins[3]);
  expect(last.ok ? 0 : last.error.retryAfter).toBeGreaterThan(1000);
  expect(last.ok ? 0 : last.error.retryAfter).toBeLessThanOrEqual(60_000);

  const pages = [];
  for (let i = 0; i < 3; i++) pages.push(await request(alice, 'room:history', { room: 'a' }));
  expect(pages.map(outcome)).toEqual(['ok', 'ok', 'RATE_LIMITED']);
});

it('limits the rooms one connection is in', async () => {
  await start({ ROOMLOG_ROOMS_PER_CONNECTION: '2' });
  const alice = await person('alice');
  await expectOk(alice, 'room:join', { room: 'a' });
  await expectOk(alice, 'room:join', { room: 'b' });
  await expectOk(alice, 'room:join', { room: 'b' }); // already in: not a new room
  const third = await request(alice, 'room:join', { room: 'c' });
  expect(third.ok ? '' : `${third.error.code}: ${third.error.message}`).toMatch(
    /^TOO_MANY_ROOMS: a connection may be in 2 rooms/,
  );
  await expectOk(alice, 'room:leave', { room: 'a' });
  await expectOk(alice, 'room:join', { room: 'c' });
});

it('limits connections per address', async () => {
  const s = await start({ ROOMLOG_CONNECTIONS_PER_IP: '3' });
  const open = [await openPolling(s.url), await openPolling(s.url), await openPolling(s.url)];
  expect(open).toHaveLength(3);
  const refused = await fetch(`${s.url}/socket.io/?EIO=4&transport=polling`);
  expect(refused.status).toBe(403);
  expect(await refused.text()).toContain('RATE_LIMITED: more than 3 connections from one address');
  await expect(
    connect(s.url, 'late', { auth: { name: 'late', protocol: PROTOCOL_VERSION } }),
  ).rejects.toThrow();
});

it(`refuses more than ${MAX_IN_FLIGHT} commands in flight on one connection, at once`, async () => {
  await start({});
  // One POST carries every packet, so all of them arrive before any can finish.
  const session = await connectPolling(must(server).url, 'eager');
  const count = MAX_IN_FLIGHT + 10;
  const packets = Array.from({ length: count }, (_, i) =>
    eventPacket(i, 'room:history', { room: 'general' }),
  );
  expect(await session.post(packets)).toBe(200);
  const acks = new Map<number, string>();
  while (acks.size < count) {
    for (const packet of (await session.get()).packets) {
      const match = /^43(\d+)(.*)$/s.exec(packet);
      if (!match) continue;
      const [reply] = JSON.parse(must(match[2])) as [{ ok: boolean; error?: { code: string } }];
      acks.set(Number(match[1]), outcome(reply));
    }
  }
  const codes = [...acks.values()];
  expect(codes.filter((c) => c === 'ok')).toHaveLength(MAX_IN_FLIGHT);
  expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(10);
});
