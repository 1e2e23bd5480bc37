import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION } from '@roomlog/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCluster, type TestCluster } from '../support/cluster.js';
import {
  collect,
  connect,
  eventually,
  expectOk,
  sessionTokenOf,
  startServer,
  type RunningServer,
  type TestSocket,
} from '../support/harness.js';
import { TEST_REDIS_URL } from '../support/redis.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { range, seqs, syncPerson, waitForRoom, type Person } from '../support/sync-clients.js';
import { must } from '../support/must.js';

// Two real nodes (buildServer on port 0) sharing a fresh PostgreSQL schema and a Redis prefix.
describe('two nodes sharing one room space', () => {
  let cluster: TestCluster;
  let a: RunningServer;
  let b: RunningServer;
  const sockets: TestSocket[] = [];
  const people: Person[] = [];

  let redisLink: TcpProxy;

  beforeEach(async () => {
    cluster = await createTestCluster();
    // Both nodes reach Redis through a proxy that a test can cut: an outage for them alone.
    redisLink = await startTcpProxy(Number(new URL(TEST_REDIS_URL).port || 6379));
    const redisUrl = `redis://127.0.0.1:${redisLink.port}`;
    a = await startServer(cluster.env('node-a', redisUrl));
    b = await startServer(cluster.env('node-b', redisUrl));
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const person of people.splice(0)) person.client.close();
    await a.close();
    await b.close();
    await redisLink.close();
    await cluster.cleanup();
  });

  const person = async (server: RunningServer, name: string, room?: string) => {
    const socket = await connect(server.url, name);
    sockets.push(socket);
    if (room) await expectOk(socket, 'room:join', { room });
    return socket;
  };
  const observer = async (server: RunningServer, name: string, room: string) => {
    const p = await syncPerson(server.url, name);
    people.push(p);
    p.client.join(room);
    return p;
  };
  // At most 16 commands in flight per connection (the server's bound): `expectOk` queues the rest.
  const send = (socket: TestSocket, room: string, text: string) =>
    expectOk(socket, 'message:send', { room, id: randomUUID(), text });

  it('a client on node A and one on node B exchange messages live', async () => {
    const alice = await person(a, 'alice', 'general');
    const bob = await person(b, 'bob', 'general');
    const seenByBob = collect(bob, 'message:created');
    const seenByAlice = collect(alice, 'message:created');
    const first = await send(alice, 'general', 'hello from A');
    await eventually(() => expect(seenByBob).toEqual([first.message]), 10_000);
    const second = await send(bob, 'general', 'hello from B');
    expect(second.message.seq).toBe(2);
    await eventually(() => expect(seenByAlice).toEqual([first.message, second.message]), 10_000);
  });

  it(
    '2 × 500 concurrent sends from both nodes give seq 1..1000 and one log on both',
    { timeout: 120_000 },
    async () => {
      const watchA = await observer(a, 'watcher-a', 'burst');
      const watchB = await observer(b, 'watcher-b', 'burst');
      const alice = await person(a, 'alice', 'burst');
      const bob = await person(b, 'bob', 'burst');
      const acks = await Promise.all([
        ...Array.from({ length: 500 }, (_, i) => send(alice, 'burst', `a${i}`)),
        ...Array.from({ length: 500 }, (_, i) => send(bob, 'burst', `b${i}`)),
      ]);
      expect(acks.map((ack) => ack.message.seq).sort((x, y) => x - y)).toEqual(range(1, 1000));
      const viewA = await waitForRoom(
        watchA.client,
        'burst',
        (v) => v.messages.length === 1000,
        60_000,
      );
      const viewB = await waitForRoom(
        watchB.client,
        'burst',
        (v) => v.messages.length === 1000,
        60_000,
      );
      expect(seqs(viewA)).toEqual(range(1, 1000));
      expect(viewB.messages).toEqual(viewA.messages);
    },
  );

  it('counts a person with tabs on both nodes once, on both nodes', async () => {
    const bob = await person(b, 'bob', 'lobby');
    const joined = collect(bob, 'member:joined');
    const left = collect(bob, 'member:left');
    const aliceOnA = await person(a, 'alice', 'lobby');
    // Her second tab presents her session (names are one person's across nodes).
    const token = await sessionTokenOf(a.url, 'alice');
    const aliceOnB = await connect(b.url, 'alice', {
      auth: { name: 'alice', protocol: PROTOCOL_VERSION, token },
    });
    sockets.push(aliceOnB);
    const reply = await expectOk(aliceOnB, 'room:join', { room: 'lobby' });
    expect(reply.members).toEqual(['alice', 'bob']);
    for (const server of [a, b]) {
      const { rooms } = (await (await fetch(`${server.url}/api/rooms`)).json()) as {
        rooms: { room: string; members: number }[];
      };
      expect(rooms.find((r) => r.room === 'lobby')?.members).toBe(2);
    }
    await expectOk(aliceOnA, 'room:leave', { room: 'lobby' });
    aliceOnB.disconnect();
    await eventually(() => expect(left).toEqual([{ room: 'lobby', names: ['alice'] }]), 10_000);
    expect(joined).toEqual([{ room: 'lobby', names: ['alice'] }]);
  });

  it('the sync client keeps its member list from member:joined / member:left across nodes', async () => {
    const alice = await observer(a, 'alice', 'members');
    await waitForRoom(alice.client, 'members', (v) => v.status === 'live');
    const bob = await observer(b, 'bob', 'members');
    await waitForRoom(alice.client, 'members', (v) => v.members.length === 2);
    expect(must(alice.client.getRoom('members')).members).toEqual([
      { name: 'alice' },
      { name: 'bob' },
    ]);
    await waitForRoom(bob.client, 'members', (v) => v.members.length === 2);
    bob.client.close();
    const view = await waitForRoom(alice.client, 'members', (v) => v.members.length === 1);
    expect(view.members).toEqual([{ name: 'alice' }]);
  });

  it(
    'a Redis outage during traffic loses nothing, and delivery resumes on its own',
    { timeout: 120_000 },
    async () => {
      const watchB = await observer(b, 'watcher-b', 'storm');
      await waitForRoom(watchB.client, 'storm', (v) => v.status === 'live', 20_000);
      const alice = await person(a, 'alice', 'storm');
      const acked: number[] = [];
      for (let round = 1; round <= 2; round++) {
        for (let i = 0; i < 20; i++) {
          acked.push((await send(alice, 'storm', `r${round} m${i}`)).message.seq);
        }
        // Redis is unreachable for both nodes for 1.5 s; alice keeps sending meanwhile. Those
        // broadcasts cannot be published; then nothing more is sent: they must reach B on their own.
        const outage = redisLink.cut(1500);
        const during = await Promise.all(
          Array.from({ length: 5 }, (_, i) => send(alice, 'storm', `r${round} during ${i}`)),
        );
        acked.push(...during.map((ack) => ack.message.seq));
        await outage;
        const n = acked.length;
        const view = await waitForRoom(
          watchB.client,
          'storm',
          (v) => v.messages.length === n,
          60_000,
        );
        expect(seqs(view)).toEqual(range(1, n));
      }
      expect(acked.sort((x, y) => x - y)).toEqual(range(1, 50));
    },
  );

  it(
    "CLIENT KILL of the nodes' Redis connections during a burst loses nothing",
    { timeout: 120_000 },
    async () => {
      const watchB = await observer(b, 'watcher-b', 'killed');
      const alice = await person(a, 'alice', 'killed');
      const burst = Promise.all(
        Array.from({ length: 100 }, (_, i) => send(alice, 'killed', `m${i}`)),
      );
      expect(await cluster.killRedisConnections()).toBeGreaterThanOrEqual(2);
      const acks = await burst;
      expect(acks.map((ack) => ack.message.seq).sort((x, y) => x - y)).toEqual(range(1, 100));
      const view = await waitForRoom(
        watchB.client,
        'killed',
        (v) => v.messages.length === 100,
        60_000,
      );
      expect(seqs(view)).toEqual(range(1, 100));
    },
  );
});
