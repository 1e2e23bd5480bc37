import { expect, test } from './support/fixtures.js';
import {
  composer,
  connectionState,
  enterRoom,
  expectLog,
  expectReady,
  membersRegion,
  messageItems,
  sendMessage,
  transport,
  uniqueRoom,
} from './support/room-page.js';

test('two people in one room see each other live; someone in another room sees none of it', async ({
  people,
}) => {
  const room = uniqueRoom('chat');
  const alice = await people.open('alice');
  const bob = await people.open('bob');
  const carol = await people.open('carol');
  await enterRoom(alice.page, room);
  await enterRoom(bob.page, room);
  await enterRoom(carol.page, uniqueRoom('elsewhere'));
  await expect(membersRegion(alice.page)).toContainText('bob');
  await expect(membersRegion(bob.page)).toContainText('alice');

  await sendMessage(alice.page, 'hello bob');
  await expectLog(bob.page, [{ text: 'hello bob', author: 'alice' }]);

  await composer(bob.page).fill('hi alice');
  await bob.page.getByRole('button', { name: 'Send', exact: true }).click();
  await expectLog(alice.page, [
    { text: 'hello bob', author: 'alice' },
    { text: 'hi alice', author: 'bob' },
  ]);

  // Shift+Enter adds a line; Enter sends.
  await composer(alice.page).fill('first line');
  await composer(alice.page).press('Shift+Enter');
  await composer(alice.page).pressSequentially('second line');
  await composer(alice.page).press('Enter');

  const log = [
    { text: 'hello bob', author: 'alice' },
    { text: 'hi alice', author: 'bob' },
    { text: 'first line\nsecond line', author: 'alice' },
  ];
  await expectLog(alice.page, log);
  await expectLog(bob.page, log);

  await expect(messageItems(carol.page)).toHaveCount(0);
  // A barrier: the server sends to one socket in order, so anything leaked from the other room
  // would reach carol before the echo of her own message.
  await sendMessage(carol.page, 'anyone here?');
  await expectLog(carol.page, [{ text: 'anyone here?', author: 'carol' }]);
  await expect(membersRegion(carol.page)).not.toContainText('alice');
  await expect(membersRegion(carol.page)).not.toContainText('bob');
  await expectLog(alice.page, log);
});

test('a reload shows the history, in order, each message once, and stays live', async ({
  people,
}) => {
  const room = uniqueRoom('reload');
  const alice = await people.open('alice');
  const bob = await people.open('bob');
  await enterRoom(alice.page, room);
  await enterRoom(bob.page, room);

  const log: Array<{ text: string; author: string }> = [];
  for (const [person, author, text] of [
    [alice, 'alice', 'one'],
    [bob, 'bob', 'two'],
    [alice, 'alice', 'three'],
  ] as const) {
    await sendMessage(person.page, text);
    log.push({ text, author });
    await expectLog(alice.page, log);
    await expectLog(bob.page, log);
  }

  await alice.page.reload();
  await expectReady(alice.page);
  await expectLog(alice.page, log, 'after the reload');

  await sendMessage(bob.page, 'four');
  log.push({ text: 'four', author: 'bob' });
  await expectLog(alice.page, log, 'a message after the reload arrives once');
  await sendMessage(alice.page, 'five');
  log.push({ text: 'five', author: 'alice' });
  await expectLog(bob.page, log);
  await expectLog(alice.page, log);
});

test('a deep link joins the room directly, or asks for a name first', async ({ people }) => {
  const room = uniqueRoom('deep');
  const dana = await people.open('dana');
  await dana.page.goto(`/r/${room}`);
  await expectReady(dana.page);
  await expect(dana.page).toHaveURL(new RegExp(`/r/${room}$`));
  await expect(dana.page.getByRole('button', { name: 'Continue', exact: true })).toHaveCount(0);
  await sendMessage(dana.page, 'straight in');
  await expectLog(dana.page, [{ text: 'straight in', author: 'dana' }]);

  const newcomer = await people.open(null);
  await newcomer.page.goto(`/r/${room}`);
  const nameInput = newcomer.page.getByLabel('Name', { exact: true });
  const continueButton = newcomer.page.getByRole('button', { name: 'Continue', exact: true });
  await expect(nameInput).toBeVisible();
  await expect(continueButton).toBeVisible();
  await expect(composer(newcomer.page)).toBeHidden();
  // Every page shows the connection, this one too, without alarm: nothing was asked of the
  // server yet. Soft, so the rest is still checked.
  await expect
    .soft(connectionState(newcomer.page), 'the name prompt shows the connection state')
    .toHaveText('not connected', { timeout: 3_000 });
  await expect
    .soft(transport(newcomer.page), 'and no transport before there is a connection')
    .toBeHidden({ timeout: 3_000 });

  await nameInput.fill('erin');
  await continueButton.click();
  await expectReady(newcomer.page);
  await expect(newcomer.page).toHaveURL(new RegExp(`/r/${room}$`));
  await expectLog(newcomer.page, [{ text: 'straight in', author: 'dana' }]);

  await sendMessage(newcomer.page, 'asked, then in');
  const log = [
    { text: 'straight in', author: 'dana' },
    { text: 'asked, then in', author: 'erin' },
  ];
  await expectLog(dana.page, log);
  await expectLog(newcomer.page, log);
});
