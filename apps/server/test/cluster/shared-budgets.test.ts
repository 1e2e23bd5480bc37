import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestCluster, type TestCluster } from '../support/cluster.js';
import { PROTOCOL_VERSION } from '@roomlog/protocol';
import {
  connect,
  expectOk,
  request,
  sessionTokenOf,
  startServer,
  type RunningServer,
} from '../support/harness.js';

// Two real nodes on one Redis, with a small send budget and one session secret (as `pnpm cluster`
// sets up): a person's budget is one budget, whichever node each of their tabs is on.
let cluster: TestCluster;
let a: RunningServer;
let b: RunningServer;
const LIMITED = { ROOMLOG_SEND_BURST: '4', ROOMLOG_SEND_RATE: '0.1' };
const SECRET = { ROOMLOG_SESSION_SECRET: 'a-test-secret-of-at-least-32-characters' };

beforeEach(async () => {
  cluster = await createTestCluster();
  a = await startServer({ ...cluster.env('node-a'), ...LIMITED, ...SECRET });
  b = await startServer({ ...cluster.env('node-b'), ...LIMITED, ...SECRET });
});
afterEach(async () => {
  await a.close();
  await b.close();
  await cluster.cleanup();
});

it("shares one person's send budget across nodes through Redis", async () => {
  const onA = await connect(a.url, 'ada');
  const token = await sessionTokenOf(a.url, 'ada');
  // The same person (same session token) opens a second tab on the other node.
  const onB = await connect(b.url, 'ada', {
    auth: { name: 'ada', protocol: PROTOCOL_VERSION, token },
  });
  await expectOk(onA, 'room:join', { room: 'budget' });
  await expectOk(onB, 'room:join', { room: 'budget' });
  const send = (socket: typeof onA) =>
    request(socket, 'message:send', { room: 'budget', id: randomUUID(), text: 'hi' });
  const replies = [];
  for (let i = 0; i < 3; i++) replies.push(await send(onA));
  for (let i = 0; i < 3; i++) replies.push(await send(onB));
  const codes = replies.map((r) => (r.ok ? 'ok' : r.error.code));
  // Four in all, not four per node.
  expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
  const refused = replies[4];
  expect(refused && !refused.ok && refused.error.retryAfter).toBeGreaterThan(0);
  onA.disconnect();
  onB.disconnect();
});
