import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { composer, enterRoom, expectLog, uniqueRoom } from './support/room-page.js';

const typingLine = (page: Page) => page.getByTestId('typing');

test('"is typing…" shows to the others only, clears on send and after silence; several are counted', async ({
  people,
}) => {
  const room = uniqueRoom('typing');
  const everyone = [];
  for (const name of ['ada', 'bob', 'cleo', 'dmitri']) {
    const person = await people.open(name);
    await enterRoom(person.page, room);
    everyone.push(person);
  }
  const [ada, bob, cleo, dmitri] = everyone as [
    (typeof everyone)[0],
    (typeof everyone)[0],
    (typeof everyone)[0],
    (typeof everyone)[0],
  ];

  await composer(ada.page).pressSequentially('hel');
  await expect(typingLine(bob.page)).toHaveText('ada is typing…');
  await expect(typingLine(cleo.page)).toHaveText('ada is typing…');
  await expect(typingLine(ada.page)).toHaveText('');
  // Seen, not announced: no live region around it (see RoomScreen.svelte for why).
  const announced = await typingLine(bob.page).evaluate(
    (el) =>
      el.closest(
        '[aria-live]:not([aria-live="off"]), [role="status"], [role="log"], [role="alert"]',
      ) !== null,
  );
  expect(announced).toBe(false);

  // Sending clears it with the message itself (not seconds later, when it would expire).
  await composer(ada.page).pressSequentially('lo');
  await composer(ada.page).press('Enter');
  await expectLog(bob.page, [{ text: 'hello', author: 'ada' }]);
  expect(await typingLine(bob.page).textContent()).toBe('');

  // Three typists: the first by name, the rest counted; nobody sees themselves.
  for (const person of [bob, cleo, dmitri]) await composer(person.page).pressSequentially('so');
  await expect(typingLine(ada.page)).toHaveText(/^(bob|cleo|dmitri) and 2 others are typing…$/);
  await expect(typingLine(bob.page)).toHaveText(/^(cleo and dmitri|dmitri and cleo) are typing…$/);

  // They stop without sending: a few seconds of silence clear the line.
  await expect(typingLine(ada.page)).toHaveText('', { timeout: 10_000 });
  await expect(typingLine(bob.page)).toHaveText('');
  await expect(composer(dmitri.page)).toHaveValue('so');
});
