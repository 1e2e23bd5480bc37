import { describe, expect, it } from 'vitest';
import {
  collect,
  connect,
  eventually,
  expectOk,
  request,
  useServer,
  type TestSocket,
} from './support/harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('typing:start', () => {
  const server = useServer();
  const person = async (name: string, room?: string): Promise<TestSocket> => {
    const socket = await connect(server().url, name);
    if (room) await expectOk(socket, 'room:join', { room });
    return socket;
  };

  it('tells the others in the room, not the typist, and throttles a burst to few broadcasts', async () => {
    const alice = await person('alice', 'lobby');
    const bob = await person('bob', 'lobby');
    const carol = await person('carol', 'elsewhere');
    const seenByBob = collect(bob, 'member:typing');
    const seenByAlice = collect(alice, 'member:typing');
    const seenByCarol = collect(carol, 'member:typing');
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => expectOk(alice, 'typing:start', { room: 'lobby' })),
    );
    const broadcast = replies.filter((r) => r.broadcast).length;
    await eventually(() => expect(seenByBob.length).toBe(broadcast));
    expect(seenByBob[0]).toEqual({ room: 'lobby', name: 'alice' });
    // One per 1.5 s: a burst of 50 on a loaded machine still yields only a few.
    expect(broadcast).toBeGreaterThanOrEqual(1);
    expect(broadcast).toBeLessThanOrEqual(5);
    await sleep(300);
    expect(seenByAlice).toEqual([]);
    expect(seenByCarol).toEqual([]);
    [alice, bob, carol].forEach((s) => s.disconnect());
  }, 30_000);

  it('broadcasts again once the throttle has passed', async () => {
    const alice = await person('alice', 'lobby');
    const bob = await person('bob', 'lobby');
    const seen = collect(bob, 'member:typing');
    await expectOk(alice, 'typing:start', { room: 'lobby' });
    await sleep(1700);
    expect((await expectOk(alice, 'typing:start', { room: 'lobby' })).broadcast).toBe(true);
    await eventually(() => expect(seen).toHaveLength(2));
    [alice, bob].forEach((s) => s.disconnect());
  }, 30_000);

  it('refuses a room the sender is not in, and a bad payload, with a typed error', async () => {
    const alice = await person('alice', 'lobby');
    const notIn = await request(alice, 'typing:start', { room: 'other' });
    expect(notIn).toMatchObject({ ok: false, error: { code: 'NOT_IN_ROOM' } });
    const bad = await request(alice, 'typing:start', { room: 42 } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ROOM' } });
    alice.disconnect();
  });
});
