// Hostile input spoken as raw Engine.IO / Socket.IO (ws and fetch, as Socket.IO's own tests do)
// and as random payloads for every event (fast-check). Afterwards the server must be up, its
// file descriptors and memory back near where they started, and a normal conversation in another
// room must never have stopped.
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, clientCommands } from '@roomlog/protocol';
import { connect, request, startServer, type RunningServer } from '../support/harness.js';
import { closed, connectPolling, connectWebSocket } from '../support/raw-engine.js';
import { bystanders, resources, type Resources } from '../support/resources.js';
import { must } from '../support/must.js';
import { frameText } from '../support/frame-text.js';

let server: RunningServer;
let baseline: Resources;
let others: Awaited<ReturnType<typeof bystanders>>;
const tried: Record<string, number> = {};
const count = (kind: string, n = 1) => (tried[kind] = (tried[kind] ?? 0) + n);

// Packets no real client sends: broken framing, bad JSON, wrong types, prototype keys, binary
// placeholders without attachments, ids out of range, and valid-looking events without acks.
const MALFORMED = [
  '',
  'x',
  '9',
  '4',
  '40',
  '40garbage',
  '40{"name":',
  '41',
  '42',
  '42[',
  '42{}',
  '42"str"',
  '42[]',
  '42[1]',
  '42[null]',
  '42[{}]',
  '42["room:join"]',
  '421["room:join"]',
  '421["room:join",null]',
  '42-1["room:join",{}]',
  '4299999999999999999999["room:join",{}]',
  '421["room:join",{"room":{}}]',
  '421["__proto__",{}]',
  '421["constructor",{}]',
  '421["hasOwnProperty",{}]',
  '421["room:join",{"__proto__":{"room":"x"},"room":"ok"}]',
  '421["toString"]',
  '43',
  '431[]',
  '44',
  '44{"message":1}',
  '45-',
  '451-["room:join",{"_placeholder":true,"num":0}]',
  '46',
  '47',
  '48',
  '2probe',
  '3',
  '5',
  '6',
  `42${'['.repeat(5000)}`,
  `421["room:join",${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}]`,
  '421["message:send",{"room":"general","id":"not-a-uuid","text":"x"}]',
  `421["message:send",{"room":"general","id":"${crypto.randomUUID()}","text":"${'x'.repeat(4001)}"}]`,
  '\u0000\u0001\u0002',
  '\ud800',
  '42["room:join",{"room":"general"}]',
];

beforeAll(async () => {
  server = await startServer({
    ROOMLOG_STORE: 'memory',
    ROOMLOG_CONNECTIONS_PER_IP: '1000',
    ROOMLOG_JOINS_PER_MINUTE: '100000',
    ROOMLOG_HISTORY_PER_MINUTE: '100000',
  });
  others = await bystanders(server.url);
  baseline = resources();
});

afterAll(async () => {
  await server?.close();
});

describe.sequential('hostile input', () => {
  it('survives every malformed packet over long-polling and over WebSocket', async () => {
    for (const [i, packet] of MALFORMED.entries()) {
      const polling = await connectPolling(server.url, `mallory-p${i}`);
      const status = await polling.post(packet);
      expect([200, 400]).toContain(status);
      await polling.post('1').catch(() => undefined); // Engine.IO close
      count('malformed packets (polling)');

      const ws = await connectWebSocket(server.url, `mallory-w${i}`);
      ws.send(packet);
      ws.send(Buffer.from([0xff, 0xfe, 0x00, 0x42])); // not UTF-8, binary frame
      await new Promise((r) => setTimeout(r, 5));
      ws.terminate();
      await closed(ws);
      count('malformed packets (websocket)', 2);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('refuses an oversize POST (413) and closes on an oversize frame (1009)', async () => {
    const polling = await connectPolling(server.url, 'big-poster');
    const big = `42["message:send",{"text":"${'x'.repeat(600 * 1024)}"}]`;
    expect(await polling.post(big)).toBe(413);
    count('oversize POSTs');
    const ws = await connectWebSocket(server.url, 'big-framer');
    const code = new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)));
    ws.send(big);
    expect(await code).toBe(1009);
    count('oversize frames');
  });

  it('assembles a command sent as 10,000 tiny WebSocket fragments', async () => {
    const ws = await connectWebSocket(server.url, 'fragmenter');
    const head = '4217["room:history",{"room":"general","limit":1,"pad":"';
    const tail = '"}]';
    const packet = head + 'x'.repeat(10_000 - head.length - tail.length) + tail;
    const reply = new Promise<string>((resolve) => ws.on('message', (d) => resolve(frameText(d))));
    for (let i = 0; i < packet.length; i++)
      ws.send(must(packet[i]), { fin: i === packet.length - 1 });
    count('WebSocket fragments', packet.length);
    expect(await reply).toMatch(/^4317\[\{"ok":true/);
    ws.close();
  });

  it('fuzzes the raw Socket.IO layer with random frames', async () => {
    let ws = null as WebSocket | null;
    let connections = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `42${s}`),
          fc.string().map((s) => `421["room:join",${s}]`),
        ),
        async (frame) => {
          if (!ws || ws.readyState !== WebSocket.OPEN)
            ws = await connectWebSocket(server.url, `fuzzer-${connections++}`);
          ws.send(frame);
          count('random raw frames');
        },
      ),
      { numRuns: 300 },
    );
    ws?.terminate();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers random payloads for every event with one well-formed ack', async () => {
    const socket = await connect(server.url, 'prop');
    const codes = new Set<string>(Object.values(ErrorCode));
    const payload = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          room: fc.oneof(
            fc.string(),
            fc.constantFrom('general', ' General ', 'a'.repeat(65)),
            fc.jsonValue(),
          ),
          id: fc.oneof(fc.uuid(), fc.string()),
          text: fc.oneof(fc.string(), fc.string({ maxLength: 5000 }), fc.jsonValue()),
          since: fc.oneof(fc.integer(), fc.double(), fc.jsonValue()),
          before: fc.oneof(fc.integer(), fc.jsonValue()),
          after: fc.oneof(fc.integer(), fc.jsonValue()),
          limit: fc.oneof(fc.integer({ min: -10, max: 1000 }), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
    );
    const reserved = new Set([
      'connect',
      'connect_error',
      'disconnect',
      'disconnecting',
      'newListener',
      'removeListener',
    ]);
    const event = fc.oneof(
      fc.constantFrom(...(Object.keys(clientCommands) as (keyof typeof clientCommands)[])),
      fc.string({ minLength: 1 }).filter((e) => !reserved.has(e)),
    );
    await fc.assert(
      fc.asyncProperty(event, payload, async (name, body) => {
        // Random event names and payloads: outside the protocol's types on purpose.
        const reply = await request(socket, name as 'room:join', body as never);
        count(`random payloads (${Object.hasOwn(clientCommands, name) ? name : 'unknown events'})`);
        if (reply.ok) return;
        expect(codes.has(reply.error.code), reply.error.code).toBe(true);
        expect(typeof reply.error.message).toBe('string');
      }),
      { numRuns: 600 },
    );
    socket.close();
  });

  it('is still up, close to its starting resources, and never stopped serving others', async () => {
    const talk = await others.stop();
    await new Promise((r) => setTimeout(r, 500));
    const after = resources();
    console.log(
      `hostile inputs tried: ${JSON.stringify(tried)}; fds ${baseline.fds} → ${after.fds}, ` +
        `heap ${baseline.heapMb.toFixed(0)} → ${after.heapMb.toFixed(0)} MB; ` +
        `bystanders sent ${talk.sent}, heard ${talk.heard}`,
    );
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(talk.failed).toBe(0);
    expect(talk.heard).toBe(talk.sent);
    // Their seqs have no gap: nothing was lost for them.
    expect(talk.seqs).toEqual(talk.seqs.map((_, i) => i + 1));
    expect(after.fds).toBeLessThanOrEqual(baseline.fds + 10);
    expect(after.heapMb).toBeLessThan(baseline.heapMb + 50);
  });
});
