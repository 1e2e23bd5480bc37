// The load generator's own Socket.IO clients against a real Socket.IO 4.8 server on an ephemeral
// port, over both transports: what they join, send and receive is what the server saw.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect, type BenchConnection, type ClientHandlers, type Transport } from './clients.js';

let httpServer: http.Server;
let io: Server;
let url: string;
const transports: string[] = [];

beforeEach(async () => {
  httpServer = http.createServer();
  // A short ping interval: a client must answer pings, or the server drops it mid-test.
  io = new Server(httpServer, {
    transports: ['polling', 'websocket'],
    pingInterval: 200,
    pingTimeout: 150,
  });
  io.on('connection', (socket) => {
    transports.push(socket.conn.transport.name);
    socket.on('join', async (room: string, ack: (ok: boolean) => void) => {
      await socket.join(room);
      ack(true);
    });
    socket.on('message', (msg: { room: string; text: string }, ack: (r: unknown) => void) => {
      if (msg.text.startsWith('refuse')) return ack({ ok: false, error: { code: 'NOPE' } });
      io.to(msg.room).emit('message', msg);
      ack({ ok: true });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  transports.length = 0;
});

afterEach(async () => {
  await new Promise<void>((resolve) => void io.close(() => resolve()));
});

function recorder() {
  const delivered: number[] = [];
  const errors: string[] = [];
  const handlers: ClientHandlers = {
    onDelivery: (sentUs) => delivered.push(sentUs),
    onPresenceBytes: () => undefined,
    onSendError: (code) => errors.push(code),
  };
  return { delivered, errors, handlers };
}

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(done()).toBe(true);
};

describe.each<Transport>(['polling', 'websocket'])('the bench client over %s', (transport) => {
  it('joins, sends with acks, and receives every broadcast in order, also after pings', async () => {
    const alice = recorder();
    const bob = recorder();
    const clients: BenchConnection[] = [];
    try {
      for (const [name, r] of [
        ['alice', alice],
        ['bob', bob],
      ] as const) {
        const client = await connect('socketio', transport, url, name, r.handlers);
        clients.push(client);
        expect(await client.join('room')).toBeGreaterThan(0);
      }
      expect(transports).toEqual([transport, transport]);
      const [first, second] = clients as [BenchConnection, BenchConnection];
      const acks: boolean[] = [];
      for (let i = 1; i <= 20; i++) first.send('room', `${1_000 + i}:x`, (ok) => acks.push(ok));
      // A pause over two ping intervals, then more: the session is still alive.
      await new Promise((r) => setTimeout(r, 500));
      second.send('room', '2000:y', (ok) => acks.push(ok));
      second.send('room', 'refuse', (ok) => acks.push(ok));
      await until(() => acks.length === 22 && bob.delivered.length === 21);
      const expected = [...Array.from({ length: 20 }, (_, i) => 1_001 + i), 2_000];
      expect(alice.delivered).toEqual(expected);
      expect(bob.delivered).toEqual(expected);
      expect(acks).toEqual([...Array<boolean>(21).fill(true), false]);
      expect(bob.errors).toEqual(['NOPE']);
    } finally {
      clients.forEach((c) => c.close());
    }
    await until(() => io.of('/').sockets.size === 0);
  });
});
