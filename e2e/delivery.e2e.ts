import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import {
  connectionState,
  enterRoom,
  expectLog,
  expectReady,
  QUICK_POLL,
  readMessages,
  resumeMarkers,
  sendMessage,
  transport,
  uniqueRoom,
} from './support/room-page.js';
import { isEventFrame, tapSocketIo } from './support/socket-tap.js';

/** The texts and states the page shows, for messages that may still be pending. */
async function shown(page: Page) {
  return (await readMessages(page)).map(({ text, state }) => ({ text, state }));
}

test('messages written offline are delivered once, after what others wrote meanwhile', async ({
  people,
}) => {
  const room = uniqueRoom('offline');
  const alice = await people.open('alice');
  const bob = await people.open('bob');
  await enterRoom(alice.page, room);
  await enterRoom(bob.page, room);
  // Go offline on the WebSocket, not during the polling phase before the upgrade.
  await expect(transport(alice.page)).toHaveText('websocket');

  // Seen here (Chromium 156): offline emulation also closes the already-open WebSocket, so
  // the page notices within milliseconds, without waiting for Socket.IO's ping timeout, and no
  // help from the test (closing the socket by hand) is needed. The app itself does not listen
  // to the browser's offline event.
  await alice.context.setOffline(true);
  await expect(connectionState(alice.page)).toHaveText(/^(disconnected|connecting)$/);
  await expect(transport(alice.page)).toHaveText('none');

  for (const text of ['a1', 'a2', 'a3']) await sendMessage(alice.page, text);
  await expect
    .poll(() => shown(alice.page), {
      ...QUICK_POLL,
      message: 'the offline page shows its messages as pending',
    })
    .toEqual(['a1', 'a2', 'a3'].map((text) => ({ text, state: 'pending' })));

  await sendMessage(bob.page, 'b1');
  await sendMessage(bob.page, 'b2');
  await expectLog(bob.page, [{ text: 'b1' }, { text: 'b2' }]);
  await expect
    .poll(() => shown(alice.page), { ...QUICK_POLL, message: 'still offline, still pending' })
    .toEqual(['a1', 'a2', 'a3'].map((text) => ({ text, state: 'pending' })));

  await alice.context.setOffline(false);
  const log = [
    { text: 'b1', author: 'bob' },
    { text: 'b2', author: 'bob' },
    { text: 'a1', author: 'alice' },
    { text: 'a2', author: 'alice' },
    { text: 'a3', author: 'alice' },
  ];
  await expectLog(alice.page, log);
  await expectLog(bob.page, log);
  await expect(connectionState(alice.page)).toHaveText('connected');
  await expect(resumeMarkers(alice.page)).toHaveText(['2 messages while you were away']);
  await expect(resumeMarkers(bob.page)).toHaveCount(0);
});

test('messages still unacknowledged at a reload are delivered once after it', async ({
  people,
}) => {
  const room = uniqueRoom('unacked');
  const alice = await people.open('alice');
  const bob = await people.open('bob');
  // Relay alice's WebSockets so that, while a policy is set, her connection stays up but
  // her messages get no answer: 'held-1' reaches the server but its ack and broadcast are
  // dropped (a lost reply); 'held-2' is dropped on its way out (a lost request) should the
  // client send it at all (this one sends its outbox one at a time, so it waits behind
  // 'held-1' and its 10 s ack timeout). Offline or blocked transports would not do: the page
  // would show `disconnected` and the reload would happen with nothing in flight.
  const tap = await tapSocketIo(alice.context);
  tap.setPolicy({
    toServer: (frame) => isEventFrame(frame, 'message:send', 'held-2'),
    toPage: (frame) => frame.includes('held-1'),
  });
  await enterRoom(alice.page, room);
  await enterRoom(bob.page, room);
  // Long-polling would carry the messages around the relay: wait for the upgrade.
  await expect(transport(alice.page)).toHaveText('websocket');

  await sendMessage(bob.page, 'before');
  await expectLog(alice.page, [{ text: 'before', author: 'bob' }]);

  await sendMessage(alice.page, 'held-1');
  await sendMessage(alice.page, 'held-2');
  await expect
    .poll(() => shown(alice.page), {
      ...QUICK_POLL,
      message: 'both messages are pending before the reload',
    })
    .toEqual([
      { text: 'before', state: 'sent' },
      { text: 'held-1', state: 'pending' },
      { text: 'held-2', state: 'pending' },
    ]);
  // The server stored held-1: bob has it, alice only lacks the reply.
  await expectLog(bob.page, [{ text: 'before' }, { text: 'held-1', author: 'alice' }]);
  await expect(connectionState(alice.page)).toHaveText('connected');

  tap.setPolicy(null);
  await alice.page.reload();
  await expectReady(alice.page);

  const log = [
    { text: 'before', author: 'bob' },
    { text: 'held-1', author: 'alice' },
    { text: 'held-2', author: 'alice' },
  ];
  await expectLog(alice.page, log);
  await expectLog(bob.page, log);
});

// SIGKILL is a crash; SIGTERM is a graceful stop (every deploy), after which Socket.IO tells
// clients "io server disconnect" and does not reconnect by itself: the engine must.
for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
  test(`a server restart (${signal}) mid-conversation loses nothing and doubles nothing`, async ({
    people,
    ownServer,
  }) => {
    // Two restarts, each followed by the engine's reconnection back-off (up to 5 s).
    test.setTimeout(60_000);
    const room = uniqueRoom(`restart-${signal.toLowerCase()}`);
    const alice = await people.open('alice', { server: ownServer });
    const bob = await people.open('bob', { server: ownServer });
    await enterRoom(alice.page, room);
    await enterRoom(bob.page, room);

    const log: Array<{ text: string; author: string }> = [];
    const say = (page: Page, author: string, text: string) =>
      test.step(`${author} says "${text}"`, async () => {
        await sendMessage(page, text);
        log.push({ text, author });
        await expectLog(alice.page, log);
        await expectLog(bob.page, log);
      });

    await say(alice.page, 'alice', 'before restart 1');
    await say(bob.page, 'bob', 'before restart 2');

    await test.step(`${signal} and restart the server`, () => ownServer.restart(signal));
    await test.step('both pages reconnect by themselves', async () => {
      await expect(connectionState(alice.page)).toHaveText('connected');
      await expect(connectionState(bob.page)).toHaveText('connected');
    });
    await say(alice.page, 'alice', 'after restart 3');
    await say(bob.page, 'bob', 'after restart 4');

    await test.step(`${signal} the server and leave it down`, async () => {
      await ownServer.stop(signal);
      // Down, and said so (while retrying the state flips between disconnected and connecting).
      await expect(connectionState(alice.page)).not.toHaveText('connected');
      await expect(alice.page.getByTestId('connection-detail')).toHaveText(/^Reconnecting…/);
      await expect(connectionState(bob.page)).not.toHaveText('connected');
    });
    await test.step('alice types while the server is down', async () => {
      await sendMessage(alice.page, 'typed while down 5');
      await expect
        .poll(async () => (await shown(alice.page)).at(-1), QUICK_POLL)
        .toEqual({ text: 'typed while down 5', state: 'pending' });
    });

    await test.step('start the server again', () => ownServer.restart());
    await test.step('the message typed while down is delivered once', async () => {
      log.push({ text: 'typed while down 5', author: 'alice' });
      await expectLog(alice.page, log);
      await expectLog(bob.page, log);
      await expect(connectionState(alice.page)).toHaveText('connected');
      await expect(connectionState(bob.page)).toHaveText('connected');
    });
  });
}

test('an outbox the browser cannot save is said so while it matters, and still delivers', async ({
  people,
}) => {
  const room = uniqueRoom('quota');
  const alice = await people.open('alice');
  // A full localStorage quota, for the outbox's items only (the name still saves).
  await alice.context.addInitScript(() => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this)
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.startsWith('roomlog:outbox:')) throw new DOMException('full', 'QuotaExceededError');
      setItem.call(this, key, value);
    };
  });
  await enterRoom(alice.page, room);
  await expect(transport(alice.page)).toHaveText('websocket');
  await alice.context.setOffline(true);
  await sendMessage(alice.page, 'not saved, still sent');
  // Pending and not saved: a reload now would lose it, and the page says so.
  await expect(alice.page.getByTestId('outbox-problem')).toContainText(
    'Could not save unsent messages in this browser: QuotaExceededError',
  );
  await alice.context.setOffline(false);
  await expectLog(alice.page, [{ text: 'not saved, still sent', author: 'alice' }]);
  // Delivered: nothing is left to lose (the emptied outbox saves without a write).
  await expect(alice.page.getByTestId('outbox-problem')).toHaveCount(0);
});
