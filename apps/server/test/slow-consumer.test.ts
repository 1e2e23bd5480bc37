import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@roomlog/protocol';
import { connect, expectOk, startServer, type RunningServer } from './support/harness.js';
import {
  closed,
  connectPacket,
  openPolling,
  eventPacket,
  openWebSocket,
} from './support/raw-engine.js';
import { resources } from './support/resources.js';
import { must } from './support/must.js';
import { frameText } from './support/frame-text.js';

const CAP = 256 * 1024;
const TEXT = 'x'.repeat(4000); // 4 kB messages
const MAX_SENDS = 4000;

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Server warnings, parsed, as the server logs them (pino JSON lines). */
function logSink() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { lines, stream };
}

/** A WebSocket client that joins, keeps its token, then stops reading and only pongs. */
async function wsSloth(url: string) {
  const sloth = await openWebSocket(url);
  let token = '';
  const joined = new Promise<void>((resolve) =>
    sloth.on('message', (data) => {
      const text = frameText(data);
      const session = /^42\["session:started",(.*)\]$/.exec(text);
      if (session) token = (JSON.parse(must(session[1])) as { token: string }).token;
      // Socket.IO closes a connection that sends events before its CONNECT is answered.
      if (text.startsWith('40')) sloth.send(eventPacket(1, 'room:join', { room: 'firehose' }));
      if (text.startsWith('431')) resolve();
    }),
  );
  sloth.send(connectPacket('sloth'));
  await joined;
  // ws keeps its net.Socket private (_socket); pausing it is how a client stops reading.
  (sloth as unknown as { _socket: { pause(): void } })._socket.pause();
  // Blind pongs: it looks alive to Engine.IO's heartbeat without reading a byte.
  const pongs = setInterval(() => sloth.send('3'), 200);
  return {
    token,
    async stop() {
      clearInterval(pongs);
      sloth.terminate();
      await closed(sloth);
    },
  };
}

/** A long-polling client that joins, keeps its token, then never GETs again; it POSTs pongs. */
async function pollingSloth(url: string) {
  const session = await openPolling(url);
  await session.post(connectPacket('sloth'));
  let token = '';
  for (let joined = false; !joined;) {
    for (const packet of (await session.get()).packets) {
      const started = /^42\["session:started",(.*)\]$/.exec(packet);
      if (started) token = (JSON.parse(must(started[1])) as { token: string }).token;
      if (packet.startsWith('40')) {
        await session.post(eventPacket(1, 'room:join', { room: 'firehose' }));
      }
      if (packet.startsWith('431')) joined = true;
    }
  }
  const pongs = setInterval(() => void session.post('3').catch(() => undefined), 200);
  return {
    token,
    async stop() {
      clearInterval(pongs);
      await session.post('1').catch(() => undefined);
    },
  };
}

// The cap counts in the write coalescer's hook, so it is checked with coalescing off as well.
it.each([
  ['websocket', true],
  ['polling', true],
  ['websocket', false],
] as const)(
  'drops a %s client (coalesced writes: %s) that answers pings but stops reading before its queue passes the cap; it catches up on return',
  async (transport, coalesceWrites) => {
    const log = logSink();
    server = await startServer(
      { ROOMLOG_STORE: 'memory', ROOMLOG_MAX_QUEUED_BYTES: String(CAP) },
      { logger: { level: 'warn', stream: log.stream }, coalesceWrites },
    );
    const before = resources();

    // The slow consumer, raw: it joins, keeps its session token, then stops reading.
    const sloth = await (transport === 'websocket' ? wsSloth : pollingSloth)(server.url);
    const token = sloth.token;
    expect(token).not.toBe('');

    const talker = await connect(server.url, 'talker');
    await expectOk(talker, 'room:join', { room: 'firehose' });
    const dropped = () =>
      log.lines.find((l) => l.msg === 'connection dropped' && l.name === 'sloth');
    let sent = 0;
    while (!dropped() && sent < MAX_SENDS) {
      await Promise.all(
        Array.from({ length: 16 }, () =>
          expectOk(talker, 'message:send', {
            room: 'firehose',
            id: crypto.randomUUID(),
            text: TEXT,
          }),
        ),
      );
      sent += 16;
    }
    const drop = dropped();
    const after = resources();
    console.log(
      `slow consumer over ${transport}: dropped after ${sent} messages of 4 kB with ${String(drop?.message)}; ` +
        `heap ${before.heapMb.toFixed(0)} → ${after.heapMb.toFixed(0)} MB`,
    );
    expect(drop).toMatchObject({ code: 'SLOW_CONSUMER', level: 40 });
    const queued = Number(/^(\d+) bytes/.exec(String(drop?.message))?.[1]);
    // Cut at the first packet past the cap: never more than one message over it.
    expect(queued).toBeGreaterThan(CAP);
    expect(queued).toBeLessThan(CAP + 16 * 1024);
    expect(after.heapMb - before.heapMb).toBeLessThan(100);
    await sloth.stop();

    // It comes back with its token (same person, same name) and catches up from the log.
    const back = await connect(server.url, 'sloth', {
      auth: { name: 'sloth', protocol: PROTOCOL_VERSION, token },
    });
    const join = await expectOk(back, 'room:join', { room: 'firehose', since: 0 });
    const seqs = join.messages.map((m) => m.seq);
    let caughtUp = seqs[seqs.length - 1] ?? 0;
    while (caughtUp < join.head) {
      // Pages of 50 (200 kB): under this test's small cap. The default cap (8 MiB) exceeds the
      // largest reply there is (200 messages of 16 kB).
      const page = await expectOk(back, 'room:history', {
        room: 'firehose',
        after: caughtUp,
        limit: 50,
      });
      seqs.push(...page.messages.map((m) => m.seq));
      caughtUp = must(page.messages[page.messages.length - 1]).seq;
    }
    expect(join.head).toBe(sent);
    expect(seqs).toEqual(Array.from({ length: sent }, (_, i) => i + 1));
    back.close();
    talker.close();
  },
);
