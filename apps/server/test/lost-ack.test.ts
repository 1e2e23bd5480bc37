import { expect, it } from 'vitest';
import { collect, connect, eventually, expectOk, useServer } from './support/harness.js';
import { must } from './support/must.js';

const server = useServer();

it('stores and broadcasts a send whose ack was lost once, and answers the retry with the original seq', async () => {
  const bob = await connect(server().url, 'bob');
  await expectOk(bob, 'room:join', { room: 'general' });
  const seenByBob = collect(bob, 'message:created');

  const alice = await connect(server().url, 'alice');
  await expectOk(alice, 'room:join', { room: 'general' });
  await expectOk(alice, 'message:send', {
    room: 'general',
    id: crypto.randomUUID(),
    text: 'before',
  });
  const id = crypto.randomUUID();
  let acked = false;
  alice.emit('message:send', { room: 'general', id, text: 'lost ack' }, () => {
    acked = true;
  });
  // Cut the connection right after the packet is written: engine.io flushes it, then closes.
  alice.io.engine.close();
  await eventually(() => expect(seenByBob.map((m) => m.text)).toEqual(['before', 'lost ack']));
  expect(acked).toBe(false);
  const original = must(seenByBob[1]);

  const again = await connect(server().url, 'alice');
  await expectOk(again, 'room:join', { room: 'general', since: 1 });
  const retry = await expectOk(again, 'message:send', { room: 'general', id, text: 'lost ack' });
  expect(retry.message).toEqual(original);
  expect(retry.message.seq).toBe(2);

  await expectOk(again, 'message:send', {
    room: 'general',
    id: crypto.randomUUID(),
    text: 'after',
  });
  await eventually(() => expect(seenByBob.map((m) => m.seq)).toEqual([1, 2, 3]));
  const page = await expectOk(bob, 'room:history', { room: 'general' });
  expect(page.messages.map((m) => m.text)).toEqual(['before', 'lost ack', 'after']);
  bob.close();
  again.close();
});
