import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect, expectOk, startServer, tempDir } from './support/harness.js';
import { must } from './support/must.js';

describe('a SQLite-backed server', () => {
  it('keeps every room and message across a restart on the same file, and continues the seqs', async () => {
    const env = { ROOMLOG_SQLITE_PATH: path.join(tempDir(), 'nested', 'roomlog.db') };
    const first = await startServer(env);
    const alice = await connect(first.url, 'alice');
    await expectOk(alice, 'room:join', { room: 'general' });
    const sent = [];
    for (const text of ['one', 'two', 'three']) {
      sent.push(
        (await expectOk(alice, 'message:send', { room: 'general', id: crypto.randomUUID(), text }))
          .message,
      );
    }
    alice.close();
    await first.close();

    const second = await startServer(env);
    const bob = await connect(second.url, 'bob');
    const joined = await expectOk(bob, 'room:join', { room: 'general' });
    expect(joined.head).toBe(3);
    expect(joined.messages).toEqual(sent);
    const next = await expectOk(bob, 'message:send', {
      room: 'general',
      id: crypto.randomUUID(),
      text: 'four',
    });
    expect(next.message.seq).toBe(4);
    // A retry of an id stored before the restart is still recognised.
    const retry = await expectOk(bob, 'message:send', {
      room: 'general',
      id: must(sent[0]).id,
      text: 'one',
    });
    expect(retry.message).toEqual(sent[0]);
    bob.close();
    await second.close();
  });
});
