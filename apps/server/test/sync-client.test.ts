import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryOutboxStorage } from '@roomlog/client';
import { collect, connect, eventually, expectOk, useServer } from './support/harness.js';
import {
  range,
  seqs,
  syncPerson,
  waitForConnection,
  waitForRoom,
  type Person,
} from './support/sync-clients.js';
import { must } from './support/must.js';

const server = useServer();
const people: Person[] = [];

async function person(name: string, room: string) {
  const p = await syncPerson(server().url, name);
  people.push(p);
  p.client.join(room);
  await waitForRoom(p.client, room, (v) => v.status === 'live');
  return p;
}

/** Sends `count` messages quickly through a raw socket (not a sync client). */
async function flood(room: string, count: number, prefix = 'm') {
  const raw = await connect(server().url, 'flooder');
  await expectOk(raw, 'room:join', { room });
  for (let i = 0; i < count; i += 100) {
    await Promise.all(
      range(i + 1, Math.min(i + 100, count)).map((n) =>
        expectOk(raw, 'message:send', { room, id: crypto.randomUUID(), text: `${prefix}${n}` }),
      ),
    );
  }
  raw.close();
}

afterEach(() => {
  for (const p of people.splice(0)) p.client.close();
});

describe('the sync client against the real server', () => {
  it('shows each message once, in order, on every member, including its own', async () => {
    const alice = await person('alice', 'general');
    const bob = await person('bob', 'general');
    alice.client.send('general', 'hello');
    bob.client.send('general', 'hi alice');
    alice.client.send('general', 'how are you?');
    for (const p of [alice, bob]) {
      const view = await waitForRoom(
        p.client,
        'general',
        (v) => v.messages.length === 3 && v.pending.length === 0,
      );
      expect(seqs(view)).toEqual([1, 2, 3]);
    }
    const a = must(alice.client.getRoom('general'));
    const b = must(bob.client.getRoom('general'));
    expect(a.messages).toEqual(b.messages);
    // Alice's own two keep the order she typed them in.
    const own = a.messages.filter((m) => m.author === 'alice').map((m) => m.text);
    expect(own).toEqual(['hello', 'how are you?']);
  });

  it('queues messages typed offline, then delivers them in order, once, after catching up', async () => {
    const alice = await person('alice', 'general');
    const bob = await person('bob', 'general');
    alice.transport.goOffline();
    await waitForConnection(alice.client, 'disconnected');
    for (const text of ['a1', 'a2', 'a3']) alice.client.send('general', text);
    expect(must(alice.client.getRoom('general')).pending.map((e) => [e.text, e.state])).toEqual([
      ['a1', 'pending'],
      ['a2', 'pending'],
      ['a3', 'pending'],
    ]);
    bob.client.send('general', 'b1');
    bob.client.send('general', 'b2');
    await waitForRoom(bob.client, 'general', (v) => v.messages.length === 2);

    alice.transport.goOnline();
    const expected = ['b1', 'b2', 'a1', 'a2', 'a3'];
    for (const p of [alice, bob]) {
      const view = await waitForRoom(
        p.client,
        'general',
        (v) => v.messages.length === 5 && v.pending.length === 0,
      );
      expect(view.messages.map((m) => m.text)).toEqual(expected);
      expect(seqs(view)).toEqual(range(1, 5));
    }
    // Alice was told where she resumed: after seq 0, 2 messages arrived while she was away.
    expect(must(alice.client.getRoom('general')).markers).toEqual([{ afterSeq: 0, missed: 2 }]);
    expect(must(bob.client.getRoom('general')).markers).toEqual([]);
  });

  it('catches up thousands of missed messages, paged, in order, exactly once', async () => {
    const alice = await person('alice', 'big');
    await flood('big', 5);
    await waitForRoom(alice.client, 'big', (v) => v.messages.length === 5);
    alice.transport.goOffline();
    await waitForConnection(alice.client, 'disconnected');
    await flood('big', 3000, 'x');

    const pageSizes: number[] = [];
    alice.socket.onAnyOutgoing((event, payload: { limit?: number }) => {
      if (event === 'room:history') pageSizes.push(payload.limit ?? 0);
    });
    alice.transport.goOnline();
    const view = await waitForRoom(
      alice.client,
      'big',
      (v) => v.status === 'live' && v.head === 3005 && v.messages.length === 3005,
      60_000,
    );
    expect(seqs(view)).toEqual(range(1, 3005));
    expect(new Set(view.messages.map((m) => m.id)).size).toBe(3005);
    expect(view.messages.slice(5).map((m) => m.text)).toEqual(
      range(1, 3000)
        .map((n) => `x${n}`)
        .sort(byNumber),
    );
    expect(view.markers).toEqual([{ afterSeq: 5, missed: 3000 }]);
    // Paged: many bounded pages, never one giant ack.
    expect(pageSizes.length).toBeGreaterThanOrEqual(15);
    expect(Math.max(...pageSizes)).toBeLessThanOrEqual(200);
  });

  it('fetches the gap when it sees a seq jump instead of showing a hole', async () => {
    const alice = await person('alice', 'general');
    const bob = await person('bob', 'general');
    bob.client.send('general', 'one');
    await waitForRoom(alice.client, 'general', (v) => v.messages.length === 1);
    // Take Alice's socket out of the broadcast (server side) while three messages go by.
    must(server().app).io.in(must(alice.socket.id)).socketsLeave('general');
    for (const text of ['two', 'three', 'four']) bob.client.send('general', text);
    await waitForRoom(
      bob.client,
      'general',
      (v) => v.messages.length === 4 && v.pending.length === 0,
    );
    expect(must(alice.client.getRoom('general')).messages).toHaveLength(1);
    must(server().app).io.in(must(alice.socket.id)).socketsJoin('general');
    bob.client.send('general', 'five');
    const view = await waitForRoom(alice.client, 'general', (v) => v.messages.length === 5);
    expect(view.messages.map((m) => m.text)).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(view.markers).toEqual([]);
  });

  it('when the ack is lost, recognises its message in the catch-up and shows it once', async () => {
    let received = 0;
    must(server().app).io.on('connection', (socket) =>
      socket.onAny((event) => {
        if (event === 'message:send') received++;
      }),
    );
    const alice = await person('alice', 'general');
    const bob = await person('bob', 'general');
    const watcher = await connect(server().url, 'watcher');
    await expectOk(watcher, 'room:join', { room: 'general' });
    const broadcasts = collect(watcher, 'message:created');

    // Cut the connection right after the send is written: the server gets it, the ack is lost.
    let cut = false;
    alice.socket.io.engine.on('packetCreate', (packet: { data?: unknown }) => {
      if (!cut && typeof packet.data === 'string' && packet.data.includes('message:send')) {
        cut = true;
        queueMicrotask(() => alice.socket.io.engine.close());
      }
    });
    const result = alice.client.send('general', 'exactly once');
    if (!result.ok) throw new Error(result.error.message);
    const { entry } = result;
    await eventually(() => expect(cut).toBe(true));

    const view = await waitForRoom(
      alice.client,
      'general',
      (v) => v.messages.length === 1 && v.pending.length === 0,
    );
    expect(view.messages[0]).toMatchObject({ id: entry.id, seq: 1, text: 'exactly once' });
    await waitForRoom(bob.client, 'general', (v) => v.messages.length === 1);
    const page = await expectOk(watcher, 'room:history', { room: 'general' });
    expect(page.messages.map((m) => m.id)).toEqual([entry.id]);
    await eventually(() => expect(broadcasts.map((m) => m.seq)).toEqual([1]));
    // The server did get the first send (its ack was lost). On reconnect the catch-up already
    // showed the message under its id, so the outbox dropped it without sending it again.
    expect(received).toBe(1);
    watcher.close();
  });

  it('marks a message the server refuses as failed, with its code, and still sends the next ones', async () => {
    // An outbox persisted by an older client version that allowed longer texts.
    const stale = {
      id: crypto.randomUUID(),
      room: 'general',
      text: 'x'.repeat(5000),
      author: 'alice',
      createdAt: new Date().toISOString(),
      state: 'pending' as const,
    };
    const fresh = { ...stale, id: crypto.randomUUID(), text: 'fine' };
    const alice = await syncPerson(server().url, 'alice', {
      outbox: createMemoryOutboxStorage([stale, fresh]),
    });
    people.push(alice);
    alice.client.join('general');
    const view = await waitForRoom(
      alice.client,
      'general',
      (v) => v.messages.length === 1 && v.pending.length === 1,
    );
    expect(view.messages[0]).toMatchObject({ id: fresh.id, text: 'fine' });
    expect(view.pending[0]).toMatchObject({
      id: stale.id,
      state: 'failed',
      error: { code: 'INVALID_PAYLOAD' },
    });
    // The client checks with the same schema before queueing, so it never makes such an entry itself.
    expect(alice.client.send('general', 'y'.repeat(5000))).toMatchObject({
      error: { code: 'INVALID_PAYLOAD' },
    });
    alice.client.discard(stale.id);
    await waitForRoom(alice.client, 'general', (v) => v.pending.length === 0);
  });
});

function byNumber(a: string, b: string) {
  return Number(a.slice(1)) - Number(b.slice(1));
}
