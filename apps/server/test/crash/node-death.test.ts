import { afterAll, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@roomlog/protocol';
import { startBuiltCluster, type BuiltCluster } from '../support/built-cluster.js';
import { collect, connect, expectOk, sessionTokenOf, type TestSocket } from '../support/harness.js';
import type { ServerProcess } from '../support/server-process.js';

// A node SIGKILLed (no goodbye): its members leave the room within the presence TTL (+ one beat),
// announced once, to the people on the surviving nodes.
const TTL_MS = 1500;
let built: BuiltCluster | undefined;
const sockets: TestSocket[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await built?.stop();
});

it('the members of a SIGKILLed node are removed within the TTL and announced once', async () => {
  built = await startBuiltCluster({
    ids: ['node-a', 'node-b', 'node-c'],
    env: { ROOMLOG_PRESENCE_TTL_MS: String(TTL_MS) },
    haproxy: false,
  });
  const [a, b, c] = built.nodes as [ServerProcess, ServerProcess, ServerProcess];
  const join = async (node: ServerProcess, name: string, auth?: object) => {
    const socket = await connect(node.url, name, auth ? { auth } : {});
    sockets.push(socket);
    await expectOk(socket, 'room:join', { room: 'wake' });
    return socket;
  };
  const onB = await join(b, 'bea');
  const onC = await join(c, 'cyd');
  await join(a, 'zoe'); // only on A
  // Bea's second tab, on A, with her session from B: stays a member.
  await join(a, 'bea', {
    name: 'bea',
    protocol: PROTOCOL_VERSION,
    token: await sessionTokenOf(b.url, 'bea'),
  });
  const leftB = collect(onB, 'member:left');
  const leftC = collect(onC, 'member:left');

  const killed = Date.now();
  await a.kill('SIGKILL');
  const deadline = killed + (TTL_MS * 4) / 3 + 10_000; // + slack for a loaded machine
  while (leftB.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const tookMs = Date.now() - killed;
  // Let every survivor beat a few more times: nobody may announce it again.
  await new Promise((r) => setTimeout(r, TTL_MS * 2));
  console.log(
    `node death: zoe's departure announced ${tookMs} ms after SIGKILL (TTL ${TTL_MS} ms)`,
  );
  expect(leftB).toEqual([{ room: 'wake', names: ['zoe'] }]);
  expect(leftC).toEqual([{ room: 'wake', names: ['zoe'] }]);
  const reply = await expectOk(onC, 'room:join', { room: 'wake' });
  expect(reply.members).toEqual(['bea', 'cyd']);
  const { rooms } = (await (await fetch(`${b.url}/api/rooms`)).json()) as {
    rooms: { room: string; members: number }[];
  };
  expect(rooms.find((r) => r.room === 'wake')?.members).toBe(2);
});
