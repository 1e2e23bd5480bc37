import { afterEach, describe, expect, it } from 'vitest';
import { must } from './support/must.js';
import {
  collect,
  connect,
  eventually,
  expectOk,
  startServer,
  type RunningServer,
  type TestSocket,
} from './support/harness.js';

const GRACE_MS = 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('presence grace period', () => {
  let server: RunningServer | undefined;
  const sockets: TestSocket[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await server?.close();
  });

  async function person(name: string, room: string): Promise<TestSocket> {
    const socket = await connect(must(server, 'the server').url, name);
    sockets.push(socket);
    await expectOk(socket, 'room:join', { room });
    return socket;
  }
  // A dropped connection, not a leave: the transport closes under the socket.
  const drop = (socket: TestSocket) => socket.io.engine.close();

  async function start(graceMs = GRACE_MS) {
    server = await startServer({
      ROOMLOG_STORE: 'memory',
      ROOMLOG_PRESENCE_GRACE_MS: String(graceMs),
    });
  }

  it('a reconnect within the grace emits no leave, only away then joined', async () => {
    await start();
    const alice = await person('alice', 'lobby');
    const away = collect(alice, 'member:away');
    const joined = collect(alice, 'member:joined');
    const left = collect(alice, 'member:left');
    const bob = await person('bob', 'lobby');
    await eventually(() => expect(joined).toEqual([{ room: 'lobby', names: ['bob'] }]));
    drop(bob);
    await eventually(() => expect(away).toEqual([{ room: 'lobby', names: ['bob'] }]));
    // A newcomer during the grace sees bob, marked away.
    const carol = await connect(must(server, 'the server').url, 'carol');
    sockets.push(carol);
    const reply = await expectOk(carol, 'room:join', { room: 'lobby' });
    expect(reply.members).toEqual(['alice', 'bob', 'carol']);
    expect(reply.away).toEqual(['bob']);
    await person('bob', 'lobby');
    await eventually(() =>
      // bob's first join, then his return (which may share an event with carol's join)
      expect(joined.flatMap((c) => c.names).filter((name) => name === 'bob')).toEqual([
        'bob',
        'bob',
      ]),
    );
    // Well past the end of the old connection's grace: bob never left.
    await sleep(GRACE_MS + 1500);
    expect(left).toEqual([]);
    const again = await expectOk(carol, 'room:join', { room: 'lobby' });
    expect(again.members).toEqual(['alice', 'bob', 'carol']);
    expect(again.away).toEqual([]);
  }, 30_000);

  it("back again after a second drop, once the first drop's grace has run out: announced back", async () => {
    // Found by the simulation: the first drop's timer cleared the away state of the second.
    await start(1500);
    const alice = await person('alice', 'lobby');
    const away = collect(alice, 'member:away');
    const joined = collect(alice, 'member:joined');
    drop(await person('bob', 'lobby'));
    await eventually(() => expect(away).toHaveLength(1));
    await sleep(300);
    const second = await person('bob', 'lobby');
    await eventually(() => expect(joined).toHaveLength(2)); // bob's first join, then his return
    await sleep(300);
    drop(second);
    await eventually(() => expect(away).toHaveLength(2));
    await sleep(1200); // the first drop's grace is over; the second's is not
    await person('bob', 'lobby');
    await eventually(() => expect(joined).toHaveLength(3));
    const reply = await expectOk(alice, 'room:join', { room: 'lobby' });
    expect(reply.members).toEqual(['alice', 'bob']);
  }, 30_000);

  it('after the grace, exactly one leave', async () => {
    await start();
    const alice = await person('alice', 'lobby');
    const away = collect(alice, 'member:away');
    const left = collect(alice, 'member:left');
    const bob = await person('bob', 'lobby');
    drop(bob);
    await eventually(() => expect(away).toEqual([{ room: 'lobby', names: ['bob'] }]));
    expect(left).toEqual([]);
    await eventually(() => expect(left).toEqual([{ room: 'lobby', names: ['bob'] }]), 15_000);
    await sleep(1000);
    expect(left).toEqual([{ room: 'lobby', names: ['bob'] }]);
    const reply = await expectOk(alice, 'room:join', { room: 'lobby' });
    expect(reply.members).toEqual(['alice']);
  }, 30_000);

  it('a person with another tab still in the room is neither away nor leaving', async () => {
    await start(1000);
    const alice = await person('alice', 'lobby');
    const away = collect(alice, 'member:away');
    const left = collect(alice, 'member:left');
    const bob = await person('bob', 'lobby');
    await person('bob', 'lobby');
    drop(bob);
    await sleep(2500);
    expect(away).toEqual([]);
    expect(left).toEqual([]);
  }, 30_000);

  it("a room:leave ends the grace of the same person's dropped connection: one leave at once", async () => {
    await start(60_000);
    const alice = await person('alice', 'lobby');
    const left = collect(alice, 'member:left');
    drop(await person('bob', 'lobby'));
    const bob = await person('bob', 'lobby');
    await expectOk(bob, 'room:leave', { room: 'lobby' });
    await eventually(() => expect(left).toEqual([{ room: 'lobby', names: ['bob'] }]));
    const reply = await expectOk(alice, 'room:join', { room: 'lobby' });
    expect(reply.members).toEqual(['alice']);
  }, 30_000);

  it('a deliberate close is a real leave, announced at once without away', async () => {
    await start(60_000);
    const alice = await person('alice', 'lobby');
    const away = collect(alice, 'member:away');
    const left = collect(alice, 'member:left');
    const bob = await person('bob', 'lobby');
    bob.disconnect();
    await eventually(() => expect(left).toEqual([{ room: 'lobby', names: ['bob'] }]));
    expect(away).toEqual([]);
  }, 30_000);

  it('a grace of 0 announces a drop as a leave at once', async () => {
    await start(0);
    const alice = await person('alice', 'lobby');
    const away = collect(alice, 'member:away');
    const left = collect(alice, 'member:left');
    drop(await person('bob', 'lobby'));
    await eventually(() => expect(left).toEqual([{ room: 'lobby', names: ['bob'] }]));
    expect(away).toEqual([]);
  }, 30_000);
});
