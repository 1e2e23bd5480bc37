import { expect, it } from 'vitest';
import { connect, expectOk, request, useServer } from './support/harness.js';

const server = useServer(() => ({
  ROOMLOG_STORE: 'memory',
  ROOMLOG_SEND_RATE: '1',
  ROOMLOG_SEND_BURST: '3',
}));

it('answers RATE_LIMITED beyond the burst, per connection, and stores nothing for it', async () => {
  const alice = await connect(server().url, 'alice');
  const bob = await connect(server().url, 'bob');
  await expectOk(alice, 'room:join', { room: 'general' });
  await expectOk(bob, 'room:join', { room: 'general' });
  const replies = [];
  for (let i = 0; i < 5; i++) {
    replies.push(
      await request(alice, 'message:send', {
        room: 'general',
        id: crypto.randomUUID(),
        text: `a${i}`,
      }),
    );
  }
  expect(replies.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
    'ok',
    'ok',
    'ok',
    'RATE_LIMITED',
    'RATE_LIMITED',
  ]);
  // Bob has a bucket of his own.
  await expectOk(bob, 'message:send', { room: 'general', id: crypto.randomUUID(), text: 'b' });
  const page = await expectOk(bob, 'room:history', { room: 'general' });
  expect(page.messages.map((m) => m.text)).toEqual(['a0', 'a1', 'a2', 'b']);
  alice.close();
  bob.close();
});
