import { afterAll, expect, it } from 'vitest';
import { createTestCluster, type TestCluster } from '../support/cluster.js';
import { collect, connect, expectOk, tempDir, type TestSocket } from '../support/harness.js';
import { ServerProcess, freePort } from '../support/server-process.js';

// A node SIGKILLed (no goodbye): its members leave the room within the presence TTL (+ one beat),
// announced once, to the people on the surviving nodes.
const TTL_MS = 1500;
let cluster: TestCluster | undefined;
const nodes: ServerProcess[] = [];
const sockets: TestSocket[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const node of nodes) await node.kill();
  await cluster?.cleanup();
});

it('the members of a SIGKILLed node are removed within the TTL and announced once', async () => {
  cluster = await createTestCluster();
  for (const id of ['node-a', 'node-b', 'node-c']) {
    const node = new ServerProcess(await freePort(), tempDir(), {
      ...cluster.env(id),
      ROOMLOG_PRESENCE_TTL_MS: String(TTL_MS),
    });
    await node.start();
    nodes.push(node);
  }
  const [a, b, c] = nodes as [ServerProcess, ServerProcess, ServerProcess];
  const join = async (node: ServerProcess, name: string) => {
    const socket = await connect(node.url, name);
    sockets.push(socket);
    await expectOk(socket, 'room:join', { room: 'wake' });
    return socket;
  };
  const onB = await join(b, 'bea');
  const onC = await join(c, 'cyd');
  await join(a, 'zoe'); // only on A
  await join(a, 'bea'); // also on B: stays a member
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
  expect(leftB).toEqual([{ room: 'wake', name: 'zoe' }]);
  expect(leftC).toEqual([{ room: 'wake', name: 'zoe' }]);
  const reply = await expectOk(onC, 'room:join', { room: 'wake' });
  expect(reply.members).toEqual([{ name: 'bea' }, { name: 'cyd' }]);
  const { rooms } = (await (await fetch(`${b.url}/api/rooms`)).json()) as {
    rooms: { room: string; members: number }[];
  };
  expect(rooms.find((r) => r.room === 'wake')?.members).toBe(2);
});
