import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { MESSAGE_TEXT_MAX, PROTOCOL_VERSION } from '@roomlog/protocol';
import {
  collect,
  connect,
  expectOk,
  request,
  startServer,
  type RunningServer,
  type TestSocket,
} from './support/harness.js';

let server: RunningServer;
let alice: TestSocket;
let bob: TestSocket;

beforeEach(async () => {
  server = await startServer();
  alice = await connect(server.url, 'alice');
  bob = await connect(server.url, 'bob');
  await expectOk(alice, 'room:join', { room: 'general' });
  await expectOk(bob, 'room:join', { room: 'general' });
});
afterEach(async () => {
  alice.close();
  bob.close();
  await server.close();
});

function refusal(auth: object): Promise<Error & { data?: { code: string } }> {
  const socket = io(server.url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected although it should be refused')));
    socket.once('connect_error', (err) => {
      socket.close();
      resolve(err);
    });
  });
}

describe('the handshake', () => {
  it.each([
    [{ name: 'alice' }, 'PROTOCOL_MISMATCH'],
    [{ name: 'alice', protocol: PROTOCOL_VERSION + 1 }, 'PROTOCOL_MISMATCH'],
    [{ protocol: PROTOCOL_VERSION }, 'INVALID_NAME'],
    [{ name: '   ', protocol: PROTOCOL_VERSION }, 'INVALID_NAME'],
    [{ name: 'x'.repeat(33), protocol: PROTOCOL_VERSION }, 'INVALID_NAME'],
    [{ name: 'bell\u0007', protocol: PROTOCOL_VERSION }, 'INVALID_NAME'],
    [{ name: 42, protocol: PROTOCOL_VERSION }, 'INVALID_NAME'],
  ])('refuses %j with %s', async (auth, code) => {
    const err = await refusal(auth);
    expect(err.message).toMatch(new RegExp(`^${code}: `));
    expect(err.data?.code).toBe(code);
  });

  it('accepts a 32-character name after trimming', async () => {
    const socket = await connect(server.url, ` ${'x'.repeat(32)} `);
    const joined = await expectOk(socket, 'room:join', { room: 'general' });
    expect(joined.members).toContain('x'.repeat(32));
    socket.close();
  });
});

describe('bad payloads get a typed error and change nothing', () => {
  const id = () => crypto.randomUUID();
  const cases: [string, string, unknown, string, RegExp][] = [
    ['room:join', 'room with a space', { room: 'a b' }, 'INVALID_ROOM', /^room: /],
    ['room:join', 'room too long', { room: 'a'.repeat(65) }, 'INVALID_ROOM', /^room: /],
    ['room:join', 'empty room', { room: '  ' }, 'INVALID_ROOM', /^room: /],
    ['room:join', 'negative since', { room: 'general', since: -1 }, 'INVALID_PAYLOAD', /^since: /],
    ['room:join', 'a string payload', 'general', 'INVALID_PAYLOAD', /.+/],
    ['room:join', 'a null payload', null, 'INVALID_PAYLOAD', /.+/],
    [
      'message:send',
      'id not a UUID',
      { room: 'general', id: 'abc', text: 'hi' },
      'INVALID_PAYLOAD',
      /^id: /,
    ],
    [
      'message:send',
      'blank text',
      { room: 'general', id: id(), text: ' \n ' },
      'INVALID_PAYLOAD',
      /^text: /,
    ],
    [
      'message:send',
      'text too long',
      { room: 'general', id: id(), text: 'x'.repeat(MESSAGE_TEXT_MAX + 1) },
      'INVALID_PAYLOAD',
      /^text: /,
    ],
    [
      'message:send',
      'text not a string',
      { room: 'general', id: id(), text: 5 },
      'INVALID_PAYLOAD',
      /^text: /,
    ],
    [
      'message:send',
      'bad room',
      { room: 'Ünïcode', id: id(), text: 'hi' },
      'INVALID_ROOM',
      /^room: /,
    ],
    [
      'message:send',
      'not joined',
      { room: 'elsewhere', id: id(), text: 'hi' },
      'NOT_IN_ROOM',
      /elsewhere/,
    ],
    ['room:history', 'limit 0', { room: 'general', limit: 0 }, 'INVALID_PAYLOAD', /^limit: /],
    [
      'room:history',
      'limit too big',
      { room: 'general', limit: 10_000 },
      'INVALID_PAYLOAD',
      /^limit: /,
    ],
    [
      'room:history',
      'fractional before',
      { room: 'general', before: 1.5 },
      'INVALID_PAYLOAD',
      /^before: /,
    ],
    ['room:leave', 'bad room', { room: '../etc' }, 'INVALID_ROOM', /^room: /],
    ['room:delete', 'an unknown event', { room: 'general' }, 'UNKNOWN_EVENT', /room:delete/],
  ];

  it.each(cases)('%s with %s → %s', async (event, _label, payload, code, message) => {
    const seenByBob = collect(bob, 'message:created');
    // The cases break the payload types on purpose: the server's validation is under test.
    const reply = await request(alice, event as 'room:join', payload as never);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe(code);
    expect(reply.error.message).toMatch(message);
    // Nothing stored, nothing broadcast, and the connection still works.
    const sent = await expectOk(alice, 'message:send', {
      room: 'general',
      id: id(),
      text: 'still here',
    });
    expect(sent.message.seq).toBe(1);
    await expect.poll(() => seenByBob.map((m) => m.text)).toEqual(['still here']);
  });

  it('ignores a command without an ack callback and keeps serving', async () => {
    // Typed emit demands an ack and a valid payload; a hostile client sends neither.
    (alice.emit as unknown as (e: string, p: unknown) => void)('message:send', {
      room: 'general',
      id: crypto.randomUUID(),
      text: 'no ack',
    });
    (alice.emit as unknown as (e: string, p: unknown) => void)('room:join', 'garbage');
    const page = await expectOk(alice, 'room:history', { room: 'general' });
    // Without an ack the command is not run at all: nothing is stored.
    expect(page.messages).toEqual([]);
  });

  it('survives an oversized packet by dropping only that connection', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const closed = new Promise((resolve) => alice.once('disconnect', resolve));
    // Typed emit refuses a payload the protocol forbids (here: too long); the server must cope.
    (alice.emit as unknown as (e: string, p: unknown, a: () => void) => void)(
      'message:send',
      { room: 'general', id: crypto.randomUUID(), text: big },
      () => undefined,
    );
    await closed;
    const page = await expectOk(bob, 'room:history', { room: 'general' });
    expect(page.messages).toEqual([]);
  });
});

describe('HTTP errors', () => {
  it.each([
    ['/api/rooms/Bad%20Room/messages', 400, 'INVALID_ROOM'],
    ['/api/rooms/general/messages?limit=0', 400, 'INVALID_PAYLOAD'],
    ['/api/rooms/general/messages?before=abc', 400, 'INVALID_PAYLOAD'],
    ['/api/rooms/general/messages?after=-2', 400, 'INVALID_PAYLOAD'],
    ['/api/nothing-here', 404, 'NOT_FOUND'],
  ])('GET %s → %i %s', async (url, status, code) => {
    const res = await fetch(server.url + url);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
  });
});
