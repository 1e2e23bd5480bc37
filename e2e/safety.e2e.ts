import { expect, test } from './support/fixtures.js';
import {
  enterRoom,
  expectLog,
  membersRegion,
  messagesRegion,
  sendMessage,
  uniqueRoom,
} from './support/room-page.js';

const PAYLOAD = '<img src=x onerror=alert(1)>';
// Display names may hold markup too (at most 32 characters, no control characters).
const HOSTILE_NAME = '<img src=x onerror=alert(2)>';

test('markup in a message or a name is shown as text, never run', async ({ people }) => {
  const room = uniqueRoom('xss');
  const mallory = await people.open(HOSTILE_NAME);
  const victor = await people.open('victor');
  await enterRoom(mallory.page, room);
  await enterRoom(victor.page, room);

  await sendMessage(mallory.page, PAYLOAD);
  await expectLog(victor.page, [{ text: PAYLOAD, author: HOSTILE_NAME }]);
  // A reply both ways gives any injected handler time to fire before the checks below.
  await sendMessage(victor.page, 'nice try');
  const log = [
    { text: PAYLOAD, author: HOSTILE_NAME },
    { text: 'nice try', author: 'victor' },
  ];
  await expectLog(mallory.page, log);
  await expectLog(victor.page, log);

  for (const person of [mallory, victor]) {
    await expect(messagesRegion(person.page).getByTestId('message-text').first()).toHaveText(
      PAYLOAD,
    );
    await expect(messagesRegion(person.page).locator('img')).toHaveCount(0);
    await expect(person.page.locator('img[src="x"]')).toHaveCount(0);
    await expect(membersRegion(person.page)).toContainText(HOSTILE_NAME);
    expect(person.dialogs, 'no dialog may open').toEqual([]);
  }
});
