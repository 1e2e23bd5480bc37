import type { Socket as NetSocket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import {
  connect,
  collect,
  eventually,
  expectOk,
  startServer,
  type RunningServer,
} from './support/harness.js';
import { must } from './support/must.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Counts the socket writes (system calls) the server makes on one connection's TCP socket. */
function countWrites(running: RunningServer, socketId: string) {
  const conn = must(must(running.app).io.of('/').sockets.get(socketId)).conn as unknown as {
    transport: { socket: { _socket: NetSocket } };
  };
  const raw = conn.transport.socket._socket as NetSocket & {
    _writev?: (...args: unknown[]) => unknown;
    _write: (...args: unknown[]) => unknown;
  };
  const counter = { writes: 0 };
  for (const method of ['_writev', '_write'] as const) {
    const original = raw[method]?.bind(raw);
    if (!original) continue;
    raw[method] = (...args: unknown[]) => {
      counter.writes += 1;
      return original(...args);
    };
  }
  return counter;
}

async function burst(coalesceWrites: boolean) {
  server = await startServer({ ROOMLOG_STORE: 'memory' }, { coalesceWrites });
  const alice = await connect(server.url, 'alice');
  await expectOk(alice, 'room:join', { room: 'lobby' });
  const seen = collect(alice, 'member:typing');
  const counter = countWrites(server, must(alice.id));
  // 20 broadcasts in one go (one loop iteration), as a busy room produces them.
  const io = must(server.app).io;
  for (let i = 0; i < 20; i++)
    io.to('lobby').emit('member:typing', { room: 'lobby', name: `n${i}` });
  await eventually(() => expect(seen).toHaveLength(20));
  alice.close();
  return { names: seen.map((p) => p.name), writes: counter.writes };
}

it('writes the frames queued for one connection in one loop iteration with one socket write, in order', async () => {
  const { names, writes } = await burst(true);
  expect(names).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
  expect(writes).toBe(1);
});

it('without coalescing, Engine.IO writes them one by one (what the coalescer saves)', async () => {
  const { names, writes } = await burst(false);
  expect(names).toEqual(Array.from({ length: 20 }, (_, i) => `n${i}`));
  expect(writes).toBeGreaterThan(1);
});
