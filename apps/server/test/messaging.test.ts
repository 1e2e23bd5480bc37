import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '@roomlog/protocol';
import {
  collect,
  connect,
  eventually,
  expectOk,
  request,
  startServer,
  tempDir,
  type RunningServer,
  type TestSocket,
} from './support/harness.js';

// Everything here runs against both stores: the in-memory one and a real SQLite file.
const stores: [string, () => Record<string, string>][] = [
  ['memory', () => ({ ROOMLOG_STORE: 'memory' })],
  ['sqlite', () => ({ ROOMLOG_SQLITE_PATH: `${tempDir()}/roomlog.db` })],
];

describe.each(stores)('with the %s store', (_store, env) => {
  let server: RunningServer;
  const sockets: TestSocket[] = [];

  async function person(name: string, room?: string) {
    const socket = await connect(server.url, name);
    sockets.push(socket);
    if (room) await expectOk(socket, 'room:join', { room });
    return socket;
  }

  beforeEach(async () => {
    server = await startServer(env());
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await server.close();
  });

  describe('joining a room', () => {
    it('answers with the head, the newest page and the members, normalising the name', async () => {
      const alice = await person('alice', 'general');
      for (let i = 1; i <= 60; i++) {
        await expectOk(alice, 'message:send', {
          room: 'general',
          id: crypto.randomUUID(),
          text: `m${i}`,
        });
      }
      const bob = await person('bob');
      const joined = await expectOk(bob, 'room:join', { room: '  General ' });
      expect(joined.room).toBe('general');
      expect(joined.head).toBe(60);
      expect(joined.messages.map((m) => m.seq)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 11),
      );
      expect(joined.members).toEqual(['alice', 'bob']);

      const since = await expectOk(bob, 'room:join', { room: 'general', since: 55 });
      expect(since.messages.map((m) => m.text)).toEqual(['m56', 'm57', 'm58', 'm59', 'm60']);
    });

    it('reports 0 as the head of an empty room', async () => {
      const alice = await person('alice');
      const joined = await expectOk(alice, 'room:join', { room: 'empty' });
      expect(joined).toMatchObject({ head: 0, messages: [] });
    });

    it('tells the others in the room who joined and who left, one name at a time', async () => {
      const alice = await person('alice', 'general');
      const joined = collect(alice, 'member:joined');
      const left = collect(alice, 'member:left');
      const bob = await person('bob', 'general');
      await eventually(() => expect(joined).toEqual([{ room: 'general', names: ['bob'] }]));
      // Bob's second tab is not a new member.
      const bobAgain = await person('bob', 'general');
      await expectOk(bob, 'room:leave', { room: 'general' });
      await expectOk(bobAgain, 'room:leave', { room: 'general' });
      await eventually(() => expect(left).toEqual([{ room: 'general', names: ['bob'] }]));
      expect(joined).toHaveLength(1);
    });
  });

  describe('sending a message', () => {
    it('acks with the stored message and broadcasts it to the room, the sender included, and no other room', async () => {
      const alice = await person('alice', 'general');
      const bob = await person('bob', 'general');
      const carol = await person('carol', 'random');
      const seenByAlice = collect(alice, 'message:created');
      const seenByBob = collect(bob, 'message:created');
      const seenByCarol = collect(carol, 'message:created');

      const id = crypto.randomUUID();
      const { message } = await expectOk(alice, 'message:send', {
        room: 'general',
        id,
        text: '  hello  ',
      });
      expect(message).toMatchObject({
        id,
        room: 'general',
        seq: 1,
        author: 'alice',
        text: 'hello',
      });
      expect(new Date(message.at).toISOString()).toBe(message.at);

      // The ack comes after the commit: the message is already readable by anyone.
      const page = await expectOk(carol, 'room:history', { room: 'general' });
      expect(page.messages).toEqual([message]);

      await eventually(() => expect(seenByBob).toEqual([message]));
      await eventually(() => expect(seenByAlice).toEqual([message]));
      // Carol sends one in her room; by the time hers arrives, general's would have too.
      await expectOk(carol, 'message:send', { room: 'random', id: crypto.randomUUID(), text: 'x' });
      await eventually(() => expect(seenByCarol).toHaveLength(1));
      expect(seenByCarol[0]?.room).toBe('random');
    });

    it('takes the author from the connection, never from the payload', async () => {
      const alice = await person('alice', 'general');
      const payload = { room: 'general', id: crypto.randomUUID(), text: 'hi', author: 'mallory' };
      const { message } = await expectOk(alice, 'message:send', payload);
      expect(message.author).toBe('alice');
    });

    it('numbers messages 1..n without gaps or duplicates under concurrent senders', async () => {
      const senders = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map((name) => person(name, 'busy')),
      );
      const watcher = await person('watcher', 'busy');
      const seen = collect(watcher, 'message:created');
      const acks = await Promise.all(
        senders.flatMap((socket, s) =>
          Array.from({ length: 40 }, (_, i) =>
            expectOk(socket, 'message:send', {
              room: 'busy',
              id: crypto.randomUUID(),
              text: `${s}-${i}`,
            }),
          ),
        ),
      );
      const seqs = acks.map((a) => a.message.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      await eventually(() => expect(seen).toHaveLength(200));
      // Broadcasts arrive in seq order.
      expect(seen.map((m) => m.seq)).toEqual(seqs);
      const page = await expectOk(watcher, 'room:history', { room: 'busy', limit: 200 });
      expect(page.messages.map((m) => m.seq)).toEqual(seqs);
    });

    it('stores a retried id once, broadcasts it once, and answers the retry with the original message', async () => {
      const alice = await person('alice', 'general');
      const bob = await person('bob', 'general');
      const seenByBob = collect(bob, 'message:created');
      const id = crypto.randomUUID();
      const first = await expectOk(alice, 'message:send', { room: 'general', id, text: 'once' });
      const retry = await expectOk(alice, 'message:send', { room: 'general', id, text: 'once' });
      expect(retry.message).toEqual(first.message);
      await expectOk(alice, 'message:send', {
        room: 'general',
        id: crypto.randomUUID(),
        text: 'next',
      });
      await eventually(() => expect(seenByBob.map((m) => m.seq)).toEqual([1, 2]));
      const page = await expectOk(bob, 'room:history', { room: 'general' });
      expect(page.messages.map((m: Message) => m.text)).toEqual(['once', 'next']);
    });

    it('refuses a message to a room the socket has not joined', async () => {
      const alice = await person('alice');
      const reply = await request(alice, 'message:send', {
        room: 'general',
        id: crypto.randomUUID(),
        text: 'hi',
      });
      expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_IN_ROOM' } });
    });
  });

  describe('history', () => {
    it('pages backwards and forwards with hasMore, oldest first', async () => {
      const alice = await person('alice', 'general');
      for (let i = 1; i <= 30; i++) {
        await expectOk(alice, 'message:send', {
          room: 'general',
          id: crypto.randomUUID(),
          text: `m${i}`,
        });
      }
      const newest = await expectOk(alice, 'room:history', { room: 'general', limit: 10 });
      expect(newest.messages.map((m) => m.seq)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
      expect(newest).toMatchObject({ head: 30, hasMore: true });
      const older = await expectOk(alice, 'room:history', {
        room: 'general',
        before: 5,
        limit: 10,
      });
      expect(older.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
      expect(older.hasMore).toBe(false);
      const after = await expectOk(alice, 'room:history', { room: 'general', after: 25, limit: 3 });
      expect(after.messages.map((m) => m.seq)).toEqual([26, 27, 28]);
      expect(after.hasMore).toBe(true);
      const tail = await expectOk(alice, 'room:history', { room: 'general', after: 28, limit: 3 });
      expect(tail.messages.map((m) => m.seq)).toEqual([29, 30]);
      expect(tail.hasMore).toBe(false);
    });
  });
});
