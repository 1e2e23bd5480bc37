import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  collect,
  connect,
  eventually,
  expectOk,
  request,
  useServer,
  type TestSocket,
} from './support/harness.js';
import { syncPerson, waitForRoom, type Person } from './support/sync-clients.js';

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

  it('broadcasts again right after the typist sends a message: the next one is being typed', async () => {
    const alice = await person('alice', 'lobby');
    const bob = await person('bob', 'lobby');
    const seen = collect(bob, 'member:typing');
    await expectOk(alice, 'typing:start', { room: 'lobby' });
    expect((await expectOk(alice, 'typing:start', { room: 'lobby' })).broadcast).toBe(false);
    await expectOk(alice, 'message:send', { room: 'lobby', id: randomUUID(), text: 'first' });
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

describe('typing, through the sync client', () => {
  const server = useServer();
  const people: Person[] = [];
  afterEach(() => people.splice(0).forEach((p) => p.client.close()));
  async function member(name: string): Promise<Person> {
    const p = await syncPerson(server().url, name);
    people.push(p);
    p.client.join('lobby');
    await waitForRoom(p.client, 'lobby', (v) => v.status === 'live');
    return p;
  }

  it('throttles keystrokes to one typing:start per ~2 s, shows the typist, and expires after silence', async () => {
    const ada = await member('ada');
    const bob = await member('bob');
    const heard = collect(bob.socket, 'member:typing');
    for (let i = 0; i < 30; i++) ada.client.typing('lobby');
    await waitForRoom(bob.client, 'lobby', (v) => v.typing.includes('ada'));
    expect(heard).toHaveLength(1);
    expect(ada.client.getRoom('lobby')?.typing).toEqual([]);
    // About 5 s of silence later, the display expires.
    await waitForRoom(bob.client, 'lobby', (v) => v.typing.length === 0, 15_000);
    expect(heard).toHaveLength(1);
  }, 30_000);

  it('clears the typist when their message arrives, and when they leave', async () => {
    const ada = await member('ada');
    const bob = await member('bob');
    const cy = await member('cy');
    ada.client.typing('lobby');
    cy.client.typing('lobby');
    await waitForRoom(bob.client, 'lobby', (v) => v.typing.length === 2);
    ada.client.send('lobby', 'hello');
    await waitForRoom(bob.client, 'lobby', (v) => v.typing.join() === 'cy');
    cy.client.leave('lobby');
    await waitForRoom(bob.client, 'lobby', (v) => v.typing.length === 0);
  }, 30_000);
});
