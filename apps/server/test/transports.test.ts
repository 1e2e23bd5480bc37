import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  collect,
  connect,
  eventually,
  expectOk,
  startServer,
  type RunningServer,
} from './support/harness.js';

let server: RunningServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

describe('transports', () => {
  it('lets a long-polling client and a WebSocket client talk both ways', async () => {
    const polling = await connect(server.url, 'polly', { transports: ['polling'] });
    const ws = await connect(server.url, 'wes', { transports: ['websocket'] });
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

  it('upgrades a default client from long-polling to WebSocket', async () => {
    const socket = await connect(server.url, 'upgrader', { transports: ['polling', 'websocket'] });
    await eventually(() => expect(socket.io.engine.transport.name).toBe('websocket'));
    const joined = await expectOk(socket, 'room:join', { room: 'up' });
    expect(joined.head).toBe(0);
    socket.close();
  });
});
