import { afterEach, expect, it } from 'vitest';
import {
  collect,
  connect,
  eventually,
  expectOk,
  startServer,
  type RunningServer,
  type TestSocket,
} from './support/harness.js';

// Many people joining one room at once: every member hears them in few events, not one each
// (one event per join would be N² deliveries for N joiners), and misses none of them.

const WINDOW_MS = 1000;
let server: RunningServer | undefined;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await server?.close();
  server = undefined;
});

it('a member hears 30 joins in about one event per window, every name once, and the leaves', async () => {
  server = await startServer({
    ROOMLOG_STORE: 'memory',
    ROOMLOG_MEMBER_BATCH_MS: String(WINDOW_MS),
  });
  const { url } = server;
  const ada = await connect(url, 'ada');
  sockets.push(ada);
  await expectOk(ada, 'room:join', { room: 'storm' });
  const joined = collect(ada, 'member:joined');
  const left = collect(ada, 'member:left');

  const names = Array.from({ length: 30 }, (_, i) => `joiner-${i}`);
  const started = Date.now();
  const joiners = await Promise.all(
    names.map(async (name) => {
      const socket = await connect(url, name);
      sockets.push(socket);
      await expectOk(socket, 'room:join', { room: 'storm' });
      return socket;
    }),
  );
  const joinMs = Date.now() - started;
  await eventually(() => expect(joined.flatMap((c) => c.names).sort()).toEqual([...names].sort()));
  // Whatever the machine's speed: at most one event per window the joins were spread over, plus
  // the one that was open when they began.
  expect(joined.length).toBeLessThanOrEqual(Math.floor(joinMs / WINDOW_MS) + 2);
  expect(joined.every((c) => c.room === 'storm')).toBe(true);

  for (const socket of joiners) await expectOk(socket, 'room:leave', { room: 'storm' });
  await eventually(() => expect(left.flatMap((c) => c.names).sort()).toEqual([...names].sort()));
});
