import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@roomlog/protocol';
import { createMemoryOutboxStorage } from '@roomlog/client';
import { createMemoryStore, type MessageStore } from '../src/index.js';
import { connect, expectOk, startServer, tempDir, type RunningServer } from './support/harness.js';
import { ServerProcess, freePort } from './support/server-process.js';
import {
  range,
  seqs,
  syncPerson,
  waitForConnection,
  waitForRoom,
  type Person,
} from './support/sync-clients.js';
import { must } from './support/must.js';

// Regression tests for the faults of issue 7, each seen failing before its fix.

const people: Person[] = [];
const servers: RunningServer[] = [];
let processServer: ServerProcess | undefined;
afterEach(async () => {
  for (const p of people.splice(0)) p.client.close();
  for (const s of servers.splice(0)) await s.close();
  await processServer?.kill();
  processServer = undefined;
});

async function person(url: string, name: string, options: Parameters<typeof syncPerson>[2] = {}) {
  const p = await syncPerson(url, name, options);
  people.push(p);
  return p;
}

it('fault 0: reconnects by itself after a graceful stop (SIGTERM) and a restart on the same port', async () => {
  processServer = new ServerProcess(await freePort(), path.join(tempDir(), 'sigterm.db'));
  await processServer.start();
  const alice = await person(processServer.url, 'alice');
  alice.client.join('general');
  alice.client.send('general', 'before');
  await waitForRoom(alice.client, 'general', (v) => v.messages.length === 1);

  await processServer.kill('SIGTERM');
  await waitForConnection(alice.client, 'disconnected');
  alice.client.send('general', 'typed while down');
  await processServer.start();

  const view = await waitForRoom(
    alice.client,
    'general',
    (v) => v.status === 'live' && v.messages.length === 2 && v.pending.length === 0,
    20_000,
  );
  expect(view.messages.map((m) => m.text)).toEqual(['before', 'typed while down']);
  expect(alice.client.connection.state).toBe('connected');
});

it('fault 1: a broadcast that beats the first join ack is kept', async () => {
  // The store reads the head, then answers 50 ms late: a message committed in that window is
  // not in the join page but reaches the joiner as message:created before the ack.
  const inner = createMemoryStore();
  let onSlowHead: (() => void) | null = null;
  const store: MessageStore = {
    ...inner,
    async head(room) {
      const head = await inner.head(room);
      const hook = onSlowHead;
      if (hook) {
        onSlowHead = null;
        hook();
        await new Promise((r) => setTimeout(r, 50));
      }
      return head;
    },
  };
  const server = await startServer({ ROOMLOG_STORE: 'memory' }, { store });
  servers.push(server);
  const bob = await connect(server.url, 'bob');
  await expectOk(bob, 'room:join', { room: 'general' });
  for (const n of [1, 2, 3]) {
    await expectOk(bob, 'message:send', {
      room: 'general',
      id: crypto.randomUUID(),
      text: `m${n}`,
    });
  }
  const sent = new Promise<void>((resolve) => {
    onSlowHead = () => {
      void expectOk(bob, 'message:send', {
        room: 'general',
        id: crypto.randomUUID(),
        text: 'm4',
      }).then(() => resolve());
    };
  });
  const alice = await person(server.url, 'alice');
  alice.client.join('general');
  await sent;
  await waitForRoom(alice.client, 'general', (v) => v.status === 'live');
  // Give a wrong view time to settle; the right one holds all four.
  await new Promise((r) => setTimeout(r, 200));
  expect(seqs(must(alice.client.getRoom('general')))).toEqual(range(1, 4));
  bob.close();
});

it('fault 2: a connection sends only the entries typed under its own name', async () => {
  const server = await startServer();
  servers.push(server);
  const storage = createMemoryOutboxStorage();
  // Alice types while the server cannot be reached, then closes her tab.
  const offline = await person(`http://127.0.0.1:${await freePort()}`, 'alice', {
    outbox: storage,
  });
  offline.client.join('general');
  offline.client.send('general', 'typed by alice');
  await offline.client.persisted();
  offline.client.close();

  // The same browser, now under another name.
  const bob = await person(server.url, 'bob', { outbox: storage });
  bob.client.join('general');
  bob.client.send('general', 'typed by bob');
  const bobView = await waitForRoom(
    bob.client,
    'general',
    (v) => v.messages.length === 1 && v.pending.length === 0,
  );
  expect(bobView.messages.map((m) => [m.author, m.text])).toEqual([['bob', 'typed by bob']]);
  await bob.client.persisted();
  bob.client.close();

  // Alice comes back: her message goes out under her name.
  const alice = await person(server.url, 'alice', { outbox: storage });
  alice.client.join('general');
  const view = await waitForRoom(
    alice.client,
    'general',
    (v) => v.messages.length === 2 && v.pending.length === 0,
  );
  expect(view.messages.map((m) => [m.author, m.text])).toEqual([
    ['bob', 'typed by bob'],
    ['alice', 'typed by alice'],
  ]);
});

it('fault 5: loadOlder fails visibly when it cannot load', async () => {
  const server = await startServer();
  servers.push(server);
  const raw = await connect(server.url, 'bob');
  await expectOk(raw, 'room:join', { room: 'general' });
  for (let n = 1; n <= 60; n++) {
    await expectOk(raw, 'message:send', { room: 'general', id: crypto.randomUUID(), text: `${n}` });
  }
  raw.close();
  const alice = await person(server.url, 'alice');
  alice.client.join('general');
  await waitForRoom(alice.client, 'general', (v) => v.status === 'live' && v.hasOlder);
  await server.close();
  servers.splice(0);
  await waitForConnection(alice.client, 'disconnected');
  await expect(alice.client.loadOlder('general')).rejects.toThrow();
});

it('fault 5: an outbox that cannot be saved is reported, not dropped silently', async () => {
  const server = await startServer();
  servers.push(server);
  const alice = await person(server.url, 'alice', {
    outbox: {
      load: () => Promise.resolve([]),
      save: () => Promise.reject(new Error('QuotaExceededError')),
    },
  });
  alice.client.join('general');
  alice.client.send('general', 'hello');
  await waitForRoom(alice.client, 'general', (v) => v.status === 'live');
  await alice.client.persisted().catch(() => undefined);
  await new Promise((r) => setTimeout(r, 50));
  expect(alice.client.outboxError).toMatch(/QuotaExceededError/);
});

it('fault 4: close() rejects what is in flight and leaves no timer behind', async () => {
  // A store that never commits in room "stalled", so the send's ack never comes.
  const inner = createMemoryStore();
  const store: MessageStore = {
    ...inner,
    append: (input) => (input.room === 'stalled' ? new Promise(() => {}) : inner.append(input)),
  };
  const server = await startServer({ ROOMLOG_STORE: 'memory' }, { store });
  servers.push(server);
  const probe = fileURLToPath(new URL('./support/close-probe.mjs', import.meta.url));
  const child = spawn(process.execPath, [probe, server.url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exitedAt = await new Promise<number>((resolve) =>
    child.once('exit', () => resolve(Date.now())),
  );
  const closedAt = Number(/closed at (\d+)/.exec(output)?.[1]);
  expect(closedAt).toBeGreaterThan(0);
  // Without leaks the process ends as soon as the socket is gone (the ack timeout is 10 s).
  expect(exitedAt - closedAt).toBeLessThan(5000);
});

it('fault 3: a handshake refusal carries its code in err.data and is final', async () => {
  const server = await startServer();
  servers.push(server);
  let attempts = 0;
  must(server.app).io.engine.on('connection', () => attempts++);
  const stale = await person(server.url, 'alice', { protocol: PROTOCOL_VERSION + 1 });
  await waitForConnection(stale.client, 'refused');
  expect(stale.client.connection.error).toEqual({
    code: 'PROTOCOL_MISMATCH',
    message: `PROTOCOL_MISMATCH: this server speaks protocol ${PROTOCOL_VERSION}, the client sent ${PROTOCOL_VERSION + 1}`,
  });
  // Not retried: a refusal stays refused (a retry would be refused the same way).
  await new Promise((r) => setTimeout(r, 300));
  expect(attempts).toBe(1);
  expect(stale.client.connection.state).toBe('refused');
});
