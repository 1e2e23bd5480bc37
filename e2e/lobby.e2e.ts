import { expect, test } from './support/fixtures.js';
import { NAME_KEY } from './support/people.js';
import {
  connectionState,
  expectLog,
  expectReady,
  sendMessage,
  transport,
  uniqueRoom,
} from './support/room-page.js';

test('the lobby joins a room by name, and lists rooms with messages for others', async ({
  people,
}) => {
  const room = uniqueRoom('lobby');
  const frank = await people.open(null);
  await frank.page.goto('/');
  // Every page shows the connection, the lobby without alarm (no socket yet); soft, so the rest
  // of the lobby is still checked.
  await expect
    .soft(connectionState(frank.page), 'the lobby shows the connection state')
    .toHaveText('not connected', { timeout: 3_000 });
  await expect
    .soft(transport(frank.page), 'and no transport before there is a connection')
    .toBeHidden({ timeout: 3_000 });
  // Says what Roomlog is; the fields explain themselves with hints, not value-like placeholders.
  await expect(frank.page.getByText(/^Roomlog is a live chat/)).toBeVisible();
  await expect(frank.page.getByLabel('Room', { exact: true })).not.toHaveAttribute(
    'placeholder',
    /.*/,
  );
  await expect(frank.page.getByLabel('Room', { exact: true })).toHaveAccessibleDescription(
    /letters, digits/i,
  );

  await frank.page.getByLabel('Name', { exact: true }).fill('frank');
  await frank.page.getByLabel('Room', { exact: true }).fill(room);
  await frank.page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(frank.page).toHaveURL(new RegExp(`/r/${room}$`));
  await expectReady(frank.page);
  expect(await frank.page.evaluate((key) => localStorage.getItem(key), NAME_KEY)).toBe('frank');

  await sendMessage(frank.page, 'the lobby sent me');
  const log = [{ text: 'the lobby sent me', author: 'frank' }];
  await expectLog(frank.page, log);

  const gina = await people.open('gina');
  await gina.page.goto('/');
  const activeRooms = gina.page.getByRole('region', { name: 'Active rooms', exact: true });
  // The room's name, not a longer name that starts with it.
  const link = activeRooms.getByRole('link', {
    name: new RegExp(`(^|[^a-z0-9_-])${room}($|[^a-z0-9_-])`),
  });
  await expect(link).toBeVisible();
  await link.click();
  await expect(gina.page).toHaveURL(new RegExp(`/r/${room}$`));
  await expectReady(gina.page);
  await expectLog(gina.page, log);
});
