import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import {
  QUICK_POLL,
  composer,
  enterRoom,
  expectLog,
  expectReady,
  membersRegion,
  messageItems,
  messagesRegion,
  readMessages,
  sendMessage,
  uniqueRoom,
} from './support/room-page.js';
import { numberedLines, seedRoom } from './support/seed.js';
import { must } from './support/must.js';

const sidebar = (page: Page): Locator => page.getByRole('navigation', { name: 'Rooms' });
const sidebarRoom = (page: Page, room: string): Locator =>
  page.locator(`[data-testid="sidebar-room"][data-room="${room}"]`);
const unreadCount = (page: Page, room: string): Locator =>
  sidebarRoom(page, room).getByTestId('unread-count');
const memberNames = (page: Page): Promise<string[]> =>
  membersRegion(page)
    .getByRole('listitem')
    .evaluateAll((items) => items.map((li) => li.firstChild?.textContent?.trim() ?? ''));

/** Marks the document, so a later check can tell the tab was never reloaded. */
const markTab = (page: Page) => page.evaluate(() => ((window as { tabMark?: number }).tabMark = 1));
const sameTab = (page: Page) => page.evaluate(() => (window as { tabMark?: number }).tabMark === 1);
const logScrollTop = (page: Page) => messagesRegion(page).evaluate((el) => el.scrollTop);

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the sidebar counts unread messages of the other room; switching keeps each log and scroll', async ({
  people,
  ownServer,
}) => {
  const busy = uniqueRoom('busy');
  const quiet = uniqueRoom('quiet');
  await ownServer.stop();
  await seedRoom(ownServer.dbPath, busy, numberedLines(60, { authors: ['cleo', 'dmitri'] }));
  await ownServer.restart();

  const ada = await people.open('ada', { server: ownServer });
  const bob = await people.open('bob', { server: ownServer });
  // The second room is opened by a reload: the first stays joined (remembered in localStorage).
  await enterRoom(ada.page, quiet);
  await enterRoom(ada.page, busy);
  await expect(sidebarRoom(ada.page, quiet)).toBeVisible();
  await expect(sidebarRoom(ada.page, busy).getByRole('link')).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(messagesRegion(ada.page).getByText('line 60', { exact: true })).toBeVisible();
  await markTab(ada.page);

  // Read the busy room from the middle of its log.
  await messagesRegion(ada.page).evaluate((el) => {
    el.scrollTop = Math.round((el.scrollHeight - el.clientHeight) / 2);
  });
  const readingAt = await logScrollTop(ada.page);
  expect(readingAt, 'the busy room scrolls').toBeGreaterThan(100);
  await expect(ada.page).toHaveTitle(`#${busy} · Roomlog`);

  await enterRoom(bob.page, quiet);
  await sendMessage(bob.page, 'anyone in here?');
  await expect(unreadCount(ada.page, quiet)).toHaveText('1');
  await expect(sidebarRoom(ada.page, quiet).getByTestId('mention-marker')).toHaveCount(0);
  await sendMessage(bob.page, 'ada, look at this');
  await expect(unreadCount(ada.page, quiet)).toHaveText('2');
  await expect(sidebarRoom(ada.page, quiet).getByTestId('mention-marker')).toBeVisible();
  await expect(sidebarRoom(ada.page, quiet).getByRole('link')).toHaveAccessibleName(
    `#${quiet} (2 unread, mentions you)`,
  );
  await expect(ada.page).toHaveTitle(`(2) #${busy} · Roomlog`);
  // The busy room on screen counts nothing, and its reader was not moved.
  await expect(unreadCount(ada.page, busy)).toHaveCount(0);
  expect(await logScrollTop(ada.page)).toBe(readingAt);

  await sidebarRoom(ada.page, quiet).getByRole('link').click();
  await expect(ada.page).toHaveURL(new RegExp(`/r/${quiet}$`));
  await expectLog(ada.page, [
    { text: 'anyone in here?', author: 'bob' },
    { text: 'ada, look at this', author: 'bob' },
  ]);
  await expect(unreadCount(ada.page, quiet)).toHaveCount(0);
  await expect(ada.page).toHaveTitle(`#${quiet} · Roomlog`);

  // Someone writes in the busy room meanwhile: it counts there, and does not move the reader.
  await enterRoom(bob.page, busy);
  await sendMessage(bob.page, 'news in the busy room');
  await expect(unreadCount(ada.page, busy)).toHaveText('1');
  await expect(ada.page).toHaveTitle(`(1) #${quiet} · Roomlog`);

  await sidebarRoom(ada.page, busy).getByRole('link').click();
  await expect(messagesRegion(ada.page).getByText('line 30', { exact: true })).toBeVisible();
  await expect.poll(() => logScrollTop(ada.page), QUICK_POLL).toBe(readingAt);
  await expect(unreadCount(ada.page, busy)).toHaveCount(0);
  await expect(ada.page).toHaveTitle(`#${busy} · Roomlog`);
  const texts = (await readMessages(ada.page)).map((m) => m.text);
  expect(texts.at(-1)).toBe('news in the busy room');
  expect(await sameTab(ada.page), 'switching rooms never reloaded the tab').toBe(true);

  // The unread count survives a reload: read marks are remembered with the rooms.
  await sidebarRoom(ada.page, quiet).getByRole('link').click();
  await expect(ada.page).toHaveURL(new RegExp(`/r/${quiet}$`));
  await sendMessage(bob.page, 'one more while ada reloads');
  await expect(unreadCount(ada.page, busy)).toHaveText('1');
  await ada.page.reload();
  await expectReady(ada.page);
  await expect(unreadCount(ada.page, busy)).toHaveText('1');
  await expect(ada.page).toHaveTitle(`(1) #${quiet} · Roomlog`);
});

test('leaving a room leaves it on the server and drops it; a message still pending is delivered', async ({
  people,
}) => {
  const first = uniqueRoom('first');
  const second = uniqueRoom('second');
  const third = uniqueRoom('third');
  const ada = await people.open('ada');
  const bob = await people.open('bob');
  await enterRoom(bob.page, first);
  await enterRoom(ada.page, first);
  await enterRoom(ada.page, second);
  await expect.poll(() => memberNames(bob.page)).toContain('ada');

  // Leaving a room in the background: the others see her go, and a reload remembers it.
  await sidebar(ada.page)
    .getByRole('button', { name: `Leave #${first}` })
    .click();
  await expect(sidebarRoom(ada.page, first)).toHaveCount(0);
  await expect.poll(() => memberNames(bob.page)).not.toContain('ada');
  await ada.page.reload();
  await expectReady(ada.page);
  await expect(sidebarRoom(ada.page, second)).toBeVisible();
  await expect(sidebarRoom(ada.page, first)).toHaveCount(0);
  // A barrier: a re-join of the left room would go out on ada's socket before this message, and
  // its presence broadcast reach bob before his own message comes back.
  await sendMessage(ada.page, 'back in the second room');
  await expect(messageItems(ada.page).last()).toHaveAttribute('data-state', 'sent');
  await sendMessage(bob.page, 'still here?');
  await expect(messageItems(bob.page).last()).toHaveAttribute('data-state', 'sent');
  expect(await memberNames(bob.page)).not.toContain('ada');

  // Offline, ada writes in a room and leaves it before the message could go out: it is still
  // delivered. (Her old socket lingers on the server until its ping times out, so the member
  // list is not checked here.)
  await enterRoom(bob.page, third);
  await enterRoom(ada.page, third);
  await ada.context.setOffline(true);
  await expect(ada.page.getByTestId('connection-state')).not.toHaveText('connected');
  await sendMessage(ada.page, 'sent before I left');
  await expect(messageItems(ada.page).last()).toHaveAttribute('data-state', 'pending');
  await sidebar(ada.page)
    .getByRole('button', { name: `Leave #${third}` })
    .click();
  // Leaving the room on screen shows the next one.
  await expect(ada.page).toHaveURL(new RegExp(`/r/${second}$`));
  await expect(sidebarRoom(ada.page, third)).toHaveCount(0);
  await ada.context.setOffline(false);
  await expectLog(bob.page, [{ text: 'sent before I left', author: 'ada' }]);
  await expect(sidebarRoom(ada.page, third)).toHaveCount(0);

  // Leaving the last room goes back to the lobby.
  await sidebar(ada.page)
    .getByRole('button', { name: `Leave #${second}` })
    .click();
  await expect(ada.page.getByRole('heading', { name: 'Join a room' })).toBeVisible();
  await expect(ada.page).toHaveTitle('Roomlog');
});

test('a change of name reconnects under the new name in every joined room', async ({ people }) => {
  const room = uniqueRoom('rename');
  const other = uniqueRoom('rename-other');
  const ada = await people.open('ada');
  const bob = await people.open('bob');
  await enterRoom(bob.page, room);
  await enterRoom(ada.page, other);
  await enterRoom(ada.page, room);
  await sendMessage(ada.page, 'before the change');
  await expectLog(bob.page, [{ text: 'before the change', author: 'ada' }]);

  await sidebar(ada.page).getByRole('button', { name: 'Change name' }).click();
  await sidebar(ada.page).getByRole('textbox', { name: 'Name' }).fill('Ada Lovelace');
  await sidebar(ada.page).getByRole('button', { name: 'Continue' }).click();
  await expect(ada.page.getByTestId('my-name')).toHaveText('Ada Lovelace');
  await expectReady(ada.page);
  await expect.poll(() => memberNames(bob.page)).toContain('Ada Lovelace');
  await expect.poll(() => memberNames(bob.page)).not.toContain('ada');

  await composer(ada.page).fill('after the change');
  await composer(ada.page).press('Enter');
  await expectLog(bob.page, [
    { text: 'before the change', author: 'ada' },
    { text: 'after the change', author: 'Ada Lovelace' },
  ]);
  // The other room was joined again under the new name, and the name is remembered.
  await enterRoom(bob.page, other);
  await expect.poll(() => memberNames(bob.page)).toContain('Ada Lovelace');
  await ada.page.reload();
  await expectReady(ada.page);
  await expect(ada.page.getByTestId('my-name')).toHaveText('Ada Lovelace');
});

test('at 375 px the room list is a drawer that opens and closes, with no sideways scroll', async ({
  people,
}) => {
  const first = uniqueRoom('drawer-a');
  const second = uniqueRoom('drawer-b');
  const ada = await people.open('ada');
  await ada.page.setViewportSize({ width: 375, height: 740 });
  await enterRoom(ada.page, first);
  await enterRoom(ada.page, second);
  const sideways = () =>
    ada.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const menu = ada.page.getByRole('button', { name: /Rooms/ });

  await expect(sidebar(ada.page)).toBeHidden();
  expect(await sideways()).toBeLessThanOrEqual(0);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  expect(must(await menu.boundingBox()).height, 'touch target').toBeGreaterThanOrEqual(44);

  await menu.click();
  await expect(sidebar(ada.page)).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  // The keyboard is in the drawer, which fits the screen.
  await expect(sidebar(ada.page).locator(':focus')).toHaveCount(1);
  // (After its slide-in.)
  await expect.poll(async () => (await sidebar(ada.page).boundingBox())?.x).toBe(0);
  const box = must(await sidebar(ada.page).boundingBox());
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  expect(await sideways()).toBeLessThanOrEqual(0);
  expect(await seriousViolations(ada.page), 'drawer open').toEqual([]);

  // The room behind the open drawer is out of the keyboard's reach.
  await expect(composer(ada.page)).not.toBeFocused();
  expect(await composer(ada.page).evaluate((el) => el.closest('[inert]') !== null)).toBe(true);

  await ada.page.keyboard.press('Escape');
  await expect(sidebar(ada.page)).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await sidebar(ada.page).getByRole('button', { name: 'Close the room list' }).click();
  await expect(sidebar(ada.page)).toBeHidden();

  // Choosing a room closes the drawer and shows that room.
  await menu.click();
  await sidebarRoom(ada.page, first).getByRole('link').click();
  await expect(ada.page).toHaveURL(new RegExp(`/r/${first}$`));
  await expect(sidebar(ada.page)).toBeHidden();
  await expectReady(ada.page);
  expect(await sideways()).toBeLessThanOrEqual(0);
});

test('axe finds nothing serious on a room with the sidebar, light and dark', async ({ people }) => {
  const first = uniqueRoom('axe-side-a');
  const second = uniqueRoom('axe-side-b');
  const ada = await people.open('ada');
  const bob = await people.open('bob');
  await enterRoom(ada.page, first);
  await enterRoom(ada.page, second);
  await enterRoom(bob.page, first);
  await sendMessage(bob.page, 'hello ada');
  await expect(unreadCount(ada.page, first)).toHaveText('1');
  await expect(sidebarRoom(ada.page, first).getByTestId('mention-marker')).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await ada.page.emulateMedia({ colorScheme: theme });
    await expect(sidebar(ada.page)).toBeVisible();
    expect(await seriousViolations(ada.page), `room with sidebar, ${theme}`).toEqual([]);
  }
});

test('tabs of one browser follow each other: a room joined, read or left in one is so in all', async ({
  people,
}) => {
  const [a, b, c] = [uniqueRoom('tabs-a'), uniqueRoom('tabs-b'), uniqueRoom('tabs-c')];
  const ada = await people.open('ada');
  const bob = await people.open('bob');
  await enterRoom(bob.page, c);
  // Into c by the lobby's form, not a reload: the page's first socket would linger in c.
  await enterRoom(ada.page, a);
  await sidebar(ada.page).getByRole('link', { name: '+ Join a room' }).click();
  await ada.page.getByRole('textbox', { name: 'Room' }).fill(c);
  await ada.page.getByRole('button', { name: 'Join', exact: true }).click();
  await expectReady(ada.page);
  await expect(ada.page).toHaveURL(new RegExp(`/r/${c}$`));
  await expect.poll(() => memberNames(bob.page)).toContain('ada');
  await sidebarRoom(ada.page, a).getByRole('link').click();
  await expect(ada.page).toHaveURL(new RegExp(`/r/${a}$`));

  // A second tab joins b: the first shows it at once.
  const second = await ada.context.newPage();
  await enterRoom(second, b);
  await expect(sidebarRoom(second, a)).toBeVisible();
  await expect(sidebarRoom(ada.page, b)).toBeVisible();
  // With b on neither screen, both count what arrives there; read in one, it is read in both.
  await sidebarRoom(second, a).getByRole('link').click();
  await expect(second).toHaveURL(new RegExp(`/r/${a}$`));
  await enterRoom(bob.page, b);
  await sendMessage(bob.page, 'news in b');
  await expect(unreadCount(ada.page, b)).toHaveText('1');
  await expect(unreadCount(second, b)).toHaveText('1');
  await sidebarRoom(second, b).getByRole('link').click();
  await expect(messagesRegion(second).getByText('news in b')).toBeVisible();
  await expect(unreadCount(ada.page, b)).toHaveCount(0);

  // The second tab leaves c: the first leaves it too, so ada is gone from c for bob.
  await sidebar(second)
    .getByRole('button', { name: `Leave #${c}` })
    .click();
  await expect(sidebarRoom(ada.page, c)).toHaveCount(0);
  await enterRoom(bob.page, c);
  await expect.poll(() => memberNames(bob.page)).toEqual(['bob']);

  // The second tab leaves a, which the first shows: it stays there while on screen, and a new
  // tab (which starts from the stored list) does not bring it back.
  await sidebar(second)
    .getByRole('button', { name: `Leave #${a}` })
    .click();
  await expect(sidebarRoom(second, a)).toHaveCount(0);
  await expect(sidebarRoom(ada.page, a)).toBeVisible();
  const third = await ada.context.newPage();
  await enterRoom(third, b);
  await expect(sidebarRoom(third, b)).toBeVisible();
  await expect(sidebarRoom(third, a)).toHaveCount(0);
  await expect(sidebarRoom(third, c)).toHaveCount(0);
  // Once the first tab moves on from a, it leaves a as well.
  await sidebarRoom(ada.page, b).getByRole('link').click();
  await expect(ada.page).toHaveURL(new RegExp(`/r/${b}$`));
  await expect(sidebarRoom(ada.page, a)).toHaveCount(0);
});
