import { PROTOCOL_VERSION } from '@roomlog/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCluster, useTwoNodes } from '../support/cluster.js';
import {
  connect,
  expectOk,
  sessionTokenOf,
  startServer,
  type TestSocket,
} from '../support/harness.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

const GRACE_MS = 1500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A display name is one person's across the whole deployment while they hold it: two people
// behind one HAProxy must not both be "alice" because they landed on different nodes.
describe('names across two nodes', () => {
  const nodes = useTwoNodes({}, { nameGraceMs: GRACE_MS });
  const sockets: TestSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  const open = async (...args: Parameters<typeof connect>) => {
    const socket = await connect(...args);
    sockets.push(socket);
    return socket;
  };
  // Refused handshakes reject with the server's error; its `data.code` says why.
  const refusal = (attempt: Promise<unknown>) =>
    attempt.then(
      () => 'connected',
      (err: { data?: { code?: string } }) => err.data?.code,
    );
  // Alice's own token from node A, presented to `url` as a reconnecting browser would.
  const asAlice = async (url: string, fromUrl: string) =>
    open(url, 'alice', {
      auth: {
        name: 'alice',
        protocol: PROTOCOL_VERSION,
        token: await sessionTokenOf(fromUrl, 'alice'),
      },
    });

  it('refuses a name held on the other node, and its look-alikes', async () => {
    const { a, b } = nodes();
    await open(a.url, 'alice');
    expect(await refusal(open(b.url, 'alice', { person: 'mallory' }))).toBe('NAME_TAKEN');
    expect(await refusal(open(b.url, 'ALICE', { person: 'mallory' }))).toBe('NAME_TAKEN');
    // Names nobody holds are free on either node.
    await open(b.url, 'bob');
  });

  it('keeps a dropped name for its person on the other node, and from others on both', async () => {
    const { a, b } = nodes();
    const first = await open(a.url, 'alice');
    const token = await sessionTokenOf(a.url, 'alice');
    first.io.engine.close(); // dropped, as when a node dies or the network blinks
    await sleep(100);
    expect(await refusal(open(b.url, 'alice', { person: 'mallory' }))).toBe('NAME_TAKEN');
    expect(await refusal(open(a.url, 'alice', { person: 'mallory' }))).toBe('NAME_TAKEN');
    // Alice herself, back through HAProxy on the other node with her token.
    const again = await asAlice(b.url, a.url);
    expect(again.connected).toBe(true);
    expect(token).toBeTruthy();
    // Held while her connection on B is open, however long.
    await sleep(GRACE_MS * 2);
    expect(await refusal(open(a.url, 'alice', { person: 'mallory' }))).toBe('NAME_TAKEN');
  });

  it('frees the name on every node one grace after its last connection closed', async () => {
    const { a, b } = nodes();
    (await open(a.url, 'alice')).disconnect();
    await sleep(GRACE_MS + 500);
    await open(b.url, 'alice', { person: 'carol' });
    expect(await refusal(asAlice(a.url, a.url))).toBe('NAME_TAKEN');
  });

  it('keeps accepting connections while Redis is unreachable, and holds names again after', async () => {
    const cluster = await createTestCluster();
    const link = await startTcpProxy(Number(new URL(TEST_REDIS_URL).port || 6379));
    const node = await startServer(cluster.env('node-c', `redis://127.0.0.1:${link.port}`), {
      nameGraceMs: GRACE_MS,
    });
    try {
      const outage = link.cut(1500);
      await sleep(100);
      const dave = await open(node.url, 'dave');
      await expectOk(dave, 'room:join', { room: 'lobby' });
      // Still one dave on this node during the outage.
      expect(await refusal(open(node.url, 'dave', { person: 'mallory' }))).toBe('NAME_TAKEN');
      await outage;
      // Written back to Redis once it answers: another node refuses the name.
      const other = await startServer(cluster.env('node-d'), { nameGraceMs: GRACE_MS });
      try {
        await sleep(GRACE_MS);
        expect(await refusal(open(other.url, 'dave', { person: 'mallory' }))).toBe('NAME_TAKEN');
      } finally {
        await other.close();
      }
    } finally {
      for (const socket of sockets.splice(0)) socket.disconnect();
      await node.close();
      await link.close();
      await cluster.cleanup();
    }
  });
});
