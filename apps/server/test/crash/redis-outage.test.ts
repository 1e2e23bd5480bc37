import { afterAll, expect, it } from 'vitest';
import { startBuiltCluster, type BuiltCluster } from '../support/built-cluster.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { must } from '../support/must.js';

// The built server as a process, its Redis behind a link the test cuts twice: the process must
// survive (no unhandled rejection), report not ready while Redis is gone, and ready after.
let built: BuiltCluster | undefined;
let link: TcpProxy | undefined;
afterAll(async () => {
  await built?.stop();
  await link?.close();
});

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { reason?: string } };
};
const until = async (check: () => Promise<boolean>, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

it('a node outlives Redis outages and reports them on /readyz', async () => {
  link = await startTcpProxy(Number(new URL(TEST_REDIS_URL).port || 6379));
  built = await startBuiltCluster({
    ids: ['node-a'],
    env: { REDIS_URL: `redis://127.0.0.1:${link.port}` },
    haproxy: false,
  });
  const node = must(built.nodes[0]);
  expect((await readyz(node.url)).status).toBe(200);

  // Down 1.5 s, up 2.5 s (the node reconnects and starts its re-checks), down again 2 s: the
  // second re-check request goes out while Redis is unreachable.
  const outage = link.cut(1500);
  await until(async () => (await readyz(node.url)).status === 503);
  expect((await readyz(node.url)).body.reason).toBe('redis does not answer');
  await outage;
  await until(async () => (await readyz(node.url)).status === 200);
  await new Promise((r) => setTimeout(r, 2500));
  await link.cut(2000);
  await until(async () => (await readyz(node.url)).status === 200);
  await new Promise((r) => setTimeout(r, 1000));
  expect((await fetch(`${node.url}/healthz`)).status).toBe(200);
  expect((await node.kill('SIGTERM'))?.code).toBe(0);
});
