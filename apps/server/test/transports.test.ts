import { describe, expect, it } from 'vitest';
import { MESSAGE_TEXT_MAX } from '@roomlog/protocol';
import { collect, connect, eventually, expectOk, useServer } from './support/harness.js';

const server = useServer();

describe('transports', () => {
  it('lets a long-polling client and a WebSocket client talk both ways', async () => {
    const polling = await connect(server().url, 'polly', { transports: ['polling'] });
    const ws = await connect(server().url, 'wes', { transports: ['websocket'] });
    expect(polling.io.engine.transport.name).toBe('polling');
    expect(ws.io.engine.transport.name).toBe('websocket');
    await expectOk(polling, 'room:join', { room: 'mixed' });
    await expectOk(ws, 'room:join', { room: 'mixed' });
    const seenByPolling = collect(polling, 'message:created');
    const seenByWs = collect(ws, 'message:created');
    await expectOk(polling, 'message:send', {
      room: 'mixed',
      id: crypto.randomUUID(),
      text: 'from polling',
    });
    await expectOk(ws, 'message:send', {
      room: 'mixed',
      id: crypto.randomUUID(),
      text: 'from websocket',
    });
    const expected = ['from polling', 'from websocket'];
    await eventually(() => expect(seenByPolling.map((m) => m.text)).toEqual(expected));
    await eventually(() => expect(seenByWs.map((m) => m.text)).toEqual(expected));
    polling.close();
    ws.close();
  });

  it('accepts a burst of maximum-size messages batched into long-polling requests', async () => {
    const polling = await connect(server().url, 'polly', { transports: ['polling'] });
    await expectOk(polling, 'room:join', { room: 'burst' });
    // 4000 three-byte characters: the largest UTF-8 a message can be, ten at once.
    const text = '€'.repeat(MESSAGE_TEXT_MAX);
    const acks = await Promise.all(
      Array.from({ length: 10 }, () =>
        expectOk(polling, 'message:send', { room: 'burst', id: crypto.randomUUID(), text }),
      ),
    );
    expect(acks.map((a) => a.message.seq).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(polling.connected).toBe(true);
    polling.close();
  });

  it('upgrades a default client from long-polling to WebSocket', async () => {
    const socket = await connect(server().url, 'upgrader', {
      transports: ['polling', 'websocket'],
    });
    await eventually(() => expect(socket.io.engine.transport.name).toBe('websocket'));
    const joined = await expectOk(socket, 'room:join', { room: 'up' });
    expect(joined.head).toBe(0);
    socket.close();
  });
});
