import { PROTOCOL_VERSION } from '@roomlog/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { useTwoNodes } from '../support/cluster.js';
import {
  connect,
  eventually,
  expectOk,
  sessionTokenOf,
  type TestSocket,
} from '../support/harness.js';

const GRACE_MS = 2500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The presence grace ("reconnecting") seen from another node: a person who drops on node A and
// comes back (through HAProxy, on B or on A) within the grace.
describe('away and back across two nodes', () => {
  // Member changes gathered only within one turn of the loop: these tests start listening right
  // after their people joined, and compare every event heard since.
  const nodes = useTwoNodes({
    ROOMLOG_PRESENCE_GRACE_MS: String(GRACE_MS),
    ROOMLOG_MEMBER_BATCH_MS: '0',
  });
  const sockets: TestSocket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  const person = async (url: string, name: string, auth?: object) => {
    const socket = await connect(url, name, auth ? { auth } : {});
    sockets.push(socket);
    await expectOk(socket, 'room:join', { room: 'lobby' });
    return socket;
  };
  // A dropped connection, not a leave: the transport closes under the socket.
  const drop = (socket: TestSocket) => socket.io.engine.close();
  // Bob again, on `url`, with the token node A gave him (a reconnecting browser).
  const bobAgain = async (url: string, fromUrl: string) =>
    person(url, 'bob', {
      name: 'bob',
      protocol: PROTOCOL_VERSION,
      token: await sessionTokenOf(fromUrl, 'bob'),
    });
  const events = (socket: TestSocket) => {
    const seen: string[] = [];
    for (const kind of ['joined', 'away', 'left'] as const) {
      socket.on(`member:${kind}`, ({ names }: { names: string[] }) =>
        seen.push(...names.map((name) => `${kind} ${name}`)),
      );
    }
    return seen;
  };

  // Alice watches from node B while bob drops on node A: she sees him away.
  const bobDropsOnA = async () => {
    const { a, b } = nodes();
    const alice = await person(b.url, 'alice');
    const bob = await person(a.url, 'bob');
    const seenByAlice = events(alice);
    drop(bob);
    await eventually(() => expect(seenByAlice).toEqual(['away bob']));
    return { alice, seenByAlice };
  };

  it('back on the other node within the grace: away then joined, no leave, never shown away again', async () => {
    const { a, b } = nodes();
    const alice = await person(b.url, 'alice'); // watches from node B
    const carolOnA = await person(a.url, 'carol'); // watches from node A
    const bob = await person(a.url, 'bob');
    const seenByAlice = events(alice);
    const seenByCarol = events(carolOnA);
    drop(bob);
    await eventually(() => expect(seenByAlice).toEqual(['away bob']));
    await bobAgain(b.url, a.url);
    await eventually(() => expect(seenByAlice).toEqual(['away bob', 'joined bob']));
    await eventually(() => expect(seenByCarol).toEqual(['away bob', 'joined bob']));
    // Newcomers on either node see bob present, not reconnecting.
    for (const url of [a.url, b.url]) {
      const newcomer = await person(url, `dan-${url.slice(-5)}`);
      const { members, away } = await expectOk(newcomer, 'room:join', { room: 'lobby' });
      expect(members).toContain('bob');
      expect(away).not.toContain('bob');
    }
    // Well past the end of the dropped connection's grace on A: bob never left.
    await sleep(GRACE_MS + 1000);
    expect(seenByAlice.filter((e) => e.endsWith(' bob'))).toEqual(['away bob', 'joined bob']);
    expect(seenByCarol.filter((e) => e.endsWith(' bob'))).toEqual(['away bob', 'joined bob']);
  }, 30_000);

  it('back on the same node within the grace: the other node stops showing him away', async () => {
    const { a, b } = nodes();
    const { seenByAlice } = await bobDropsOnA();
    await bobAgain(a.url, a.url);
    await eventually(() => expect(seenByAlice).toEqual(['away bob', 'joined bob']));
    const newcomer = await person(b.url, 'dan');
    const { members, away } = await expectOk(newcomer, 'room:join', { room: 'lobby' });
    expect(members).toContain('bob');
    expect(away).not.toContain('bob');
  }, 30_000);

  it('back on the other node, then a room:leave there: one leave, at once', async () => {
    const { a, b } = nodes();
    const { alice, seenByAlice } = await bobDropsOnA();
    const again = await bobAgain(b.url, a.url);
    await expectOk(again, 'room:leave', { room: 'lobby' });
    // Well within the grace of the connection that dropped on A.
    await eventually(() => expect(seenByAlice).toContain('left bob'), GRACE_MS / 2);
    await sleep(GRACE_MS + 1000);
    expect(seenByAlice.filter((e) => e === 'left bob')).toHaveLength(1);
    const { members, away } = await expectOk(alice, 'room:join', { room: 'lobby' });
    expect(members).toEqual(['alice']);
    expect(away).toEqual([]);
  }, 30_000);

  it('a drop with no return: away, then one leave after the grace, seen on both nodes', async () => {
    const { a, b } = nodes();
    const alice = await person(b.url, 'alice');
    const carol = await person(a.url, 'carol');
    const bob = await person(a.url, 'bob');
    const seenByAlice = events(alice);
    const seenByCarol = events(carol);
    drop(bob);
    await eventually(() => expect(seenByAlice).toEqual(['away bob']));
    const newcomer = await person(b.url, 'dan');
    const { members, away } = await expectOk(newcomer, 'room:join', { room: 'lobby' });
    expect(members).toContain('bob');
    expect(away).toEqual(['bob']);
    await eventually(
      () => expect(seenByAlice).toEqual(['away bob', 'joined dan', 'left bob']),
      GRACE_MS * 3,
    );
    await sleep(1000);
    expect(seenByCarol).toEqual(['away bob', 'joined dan', 'left bob']);
    expect(seenByAlice).toEqual(['away bob', 'joined dan', 'left bob']);
  }, 30_000);

  it('node A stops gracefully (a drain): its people are away, not gone; back on B they are joined; the one who never returns leaves once after the grace', async () => {
    const { a, b } = nodes();
    const alice = await person(b.url, 'alice');
    const bob = await person(a.url, 'bob');
    await person(a.url, 'zoe');
    const seenByAlice = events(alice);
    // bob reconnects to B as soon as A drops him, as a client behind HAProxy would.
    bob.on('disconnect', () => void bobAgain(b.url, a.url));
    await a.close();
    await eventually(() =>
      expect([...seenByAlice].sort()).toEqual(['away bob', 'away zoe', 'joined bob']),
    );
    const newcomer = await person(b.url, 'dan');
    const { members, away } = await expectOk(newcomer, 'room:join', { room: 'lobby' });
    expect(members).toEqual(['alice', 'bob', 'dan', 'zoe']);
    expect(away).toEqual(['zoe']);
    await eventually(() => expect(seenByAlice).toContain('left zoe'), GRACE_MS * 4);
    await sleep(1000);
    expect([...seenByAlice].sort()).toEqual([
      'away bob',
      'away zoe',
      'joined bob',
      'joined dan',
      'left zoe',
    ]);
  }, 30_000);
});
