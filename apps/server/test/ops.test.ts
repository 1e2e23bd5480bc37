import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@roomlog/protocol';
import { connect, expectOk, useServer } from './support/harness.js';
import { must } from './support/must.js';

describe('operations endpoints', () => {
  const server = useServer(() => ({ ROOMLOG_STORE: 'memory', NODE_ID: 'node-7' }));

  it('/healthz is liveness with the node id; /readyz says ready', async () => {
    const health = await fetch(`${server().url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', node: 'node-7' });
    const ready = await fetch(`${server().url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', node: 'node-7' });
  });

  it('/metrics exposes the Prometheus metrics, counting what happened', async () => {
    const alice = await connect(server().url, 'alice');
    await expectOk(alice, 'room:join', { room: 'general' });
    await expectOk(alice, 'message:send', { room: 'general', id: randomUUID(), text: 'hi' });
    await expectOk(alice, 'room:history', { room: 'general', after: 0 });
    const res = await fetch(`${server().url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    alice.disconnect();
    expect(text).toMatch(/^roomlog_connected_sockets\{transport="websocket",node="node-7"\} 1$/m);
    expect(text).toMatch(/^roomlog_joined_rooms\{node="node-7"\} 1$/m);
    expect(text).toMatch(/^roomlog_messages_appended_total\{node="node-7"\} 1$/m);
    expect(text).toMatch(/^roomlog_broadcasts_total\{node="node-7"\} 1$/m);
    expect(text).toMatch(
      /^roomlog_acks_total\{command="message:send",result="ok",node="node-7"\} 1$/m,
    );
    expect(text).toMatch(/^roomlog_catch_up_pages_total\{node="node-7"\} 2$/m);
    expect(text).toMatch(/^roomlog_append_seconds_count\{node="node-7"\} 1$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{node="node-7"\} /m);
  });

  it('counts refused commands by their code', async () => {
    const alice = await connect(server().url, 'alice');
    const reply: unknown = await alice
      .timeout(5000)
      .emitWithAck('message:send', { room: 'nowhere', id: randomUUID(), text: 'hi' });
    expect(reply).toMatchObject({ ok: false });
    const text = await (await fetch(`${server().url}/metrics`)).text();
    alice.disconnect();
    expect(text).toMatch(
      /roomlog_acks_total\{command="message:send",result="NOT_IN_ROOM",node="node-7"\} 1/,
    );
  });

  it('draining: /readyz turns 503 with the reason and new connections are refused', async () => {
    const before = await connect(server().url, 'before');
    must(server().app).lifecycle.drain();
    const ready = await fetch(`${server().url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      node: 'node-7',
      reason: 'draining: shutting down',
    });
    // A socket already open keeps working until it is closed.
    await expectOk(before, 'room:join', { room: 'general' });
    const late = io(server().url, {
      auth: { name: 'late', protocol: PROTOCOL_VERSION },
      transports: ['polling'],
      reconnection: false,
      forceNew: true,
    });
    const error = await new Promise<Error>((resolve) => late.once('connect_error', resolve));
    late.close();
    before.disconnect();
    expect(error.message).toMatch(/xhr poll error|server is shutting down/);
  });
});
