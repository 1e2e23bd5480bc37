import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import {
  enterRoom,
  expectLog,
  messageItems,
  messagesRegion,
  resumeMarkers,
  sendMessage,
  transport,
  uniqueRoom,
} from './support/room-page.js';
import { numberedLines, seedRoom } from './support/seed.js';
import { must } from './support/must.js';

const liveRegion = (page: Page) => page.getByTestId('live-region');

test('http(s) links are clickable in a new tab; javascript: and data: stay inert text', async ({
  people,
}) => {
  const room = uniqueRoom('links');
  const alice = await people.open('alice');
  const bob = await people.open('bob');
  await enterRoom(alice.page, room);
  await enterRoom(bob.page, room);
  await bob.context.route('https://example.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>guide</title>ok' }),
  );

  const text =
    'guide: https://example.com/guide?x=1. Do not click javascript:alert(document.domain) ' +
    'or data:text/html,<script>alert(1)</script>';
  await sendMessage(alice.page, text);
  await expectLog(bob.page, [{ text, author: 'alice' }]);

  const message = messageItems(bob.page).first();
  // The exact moment on hover, 24-hour like the time shown.
  await expect(message.locator('time').first()).toHaveAttribute(
    'title',
    /^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}:\d{2}$/,
  );
  const links = message.getByRole('link');
  await expect(links).toHaveCount(1);
  await expect(links).toHaveText('https://example.com/guide?x=1');
  await expect(links).toHaveAttribute('href', 'https://example.com/guide?x=1');
  await expect(links).toHaveAttribute('target', '_blank');
  await expect(links).toHaveAttribute('rel', 'noopener noreferrer');
  // No element of the message points anywhere but example.com, and nothing became markup.
  expect(
    await message.evaluate((li) =>
      [...li.querySelectorAll('[href], [src], script')].map(
        (el) => el.getAttribute('href') ?? el.tagName,
      ),
    ),
  ).toEqual(['https://example.com/guide?x=1']);

  // The javascript: text does nothing when clicked.
  await message.getByText('javascript:alert(document.domain)', { exact: false }).click();
  await bob.page.waitForTimeout(300);
  expect(bob.dialogs).toEqual([]);

  // The real link opens in a new tab with no way back to the page (noopener).
  const popup = bob.context.waitForEvent('page');
  await links.click();
  const opened = await popup;
  await expect(opened).toHaveURL('https://example.com/guide?x=1');
  expect(await opened.evaluate(() => window.opener === null)).toBe(true);
});

test('after a catch-up the log opens at the away marker, with "New messages ↓" to the rest', async ({
  people,
}) => {
  const room = uniqueRoom('away');
  const alice = await people.open('alice');
  const bob = await people.open('bob');
  await enterRoom(alice.page, room);
  await enterRoom(bob.page, room);
  await expect(transport(alice.page)).toHaveText('websocket');
  await sendMessage(alice.page, 'before I go');
  await expectLog(bob.page, [{ text: 'before I go' }]);

  await alice.context.setOffline(true);
  const missed = Array.from({ length: 40 }, (_, i) => `missed ${i + 1}`);
  for (const text of missed) await sendMessage(bob.page, text);
  await expect(messageItems(bob.page)).toHaveCount(41);
  await expect(messageItems(bob.page).last()).toHaveAttribute('data-state', 'sent');
  await alice.context.setOffline(false);

  await expect(resumeMarkers(alice.page)).toHaveText(['40 messages while you were away']);
  await expect(messageItems(alice.page)).toHaveCount(41);
  await expect(resumeMarkers(alice.page)).toBeInViewport();
  await expect(messagesRegion(alice.page).getByText('missed 1', { exact: true })).toBeInViewport();
  await expect(
    messagesRegion(alice.page).getByText('missed 40', { exact: true }),
    'the view did not jump past the marker to the bottom',
  ).not.toBeInViewport();

  const newBelow = alice.page.getByTestId('new-messages');
  await expect(newBelow).toBeVisible();
  await newBelow.click();
  await expect(messagesRegion(alice.page).getByText('missed 40', { exact: true })).toBeInViewport();
  await expect(newBelow).toBeHidden();

  // Scrolled up, a new message shows the button instead of arriving unseen.
  await messagesRegion(alice.page).evaluate((el) => (el.scrollTop = 0));
  await sendMessage(bob.page, 'one more');
  await expect(newBelow).toHaveText('1 new message ↓');
  await expect(
    messagesRegion(alice.page).getByText('one more', { exact: true }),
  ).not.toBeInViewport();
});

test('"Load older" by keyboard: focus alone loads nothing, Enter loads and keeps focus and place', async ({
  people,
  ownServer,
}) => {
  const room = uniqueRoom('older');
  await ownServer.stop();
  await seedRoom(ownServer.dbPath, room, numberedLines(130));
  await ownServer.restart();
  const alice = await people.open('alice', { server: ownServer });
  await enterRoom(alice.page, room);
  await expect(messageItems(alice.page)).toHaveCount(50);

  const log = messagesRegion(alice.page);
  const older = alice.page.getByRole('button', { name: 'Load older' });
  await log.focus();
  await alice.page.keyboard.press('Tab');
  await expect(older).toBeFocused();
  // Tab scrolled the button into view; that must not start loading.
  await alice.page.waitForTimeout(1000);
  await expect(messageItems(alice.page)).toHaveCount(50);

  const anchor = log.getByText('line 81', { exact: true });
  await expect(anchor).toBeInViewport();
  await alice.page.keyboard.press('Enter');
  await expect(messageItems(alice.page)).toHaveCount(100);
  await expect(older).toBeFocused();
  await expect(anchor, 'what was on screen stays on screen').toBeInViewport();

  // The last page reaches the start: the button goes, and the focus stays in the log.
  await alice.page.keyboard.press('Enter');
  await expect(messageItems(alice.page)).toHaveCount(130);
  await expect(older).toHaveCount(0);
  await expect(log).toBeFocused();
  await expect(alice.page.getByTestId('room-start')).toHaveText(/This is the start of #older-/);

  // The focused log scrolls by keyboard.
  await log.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const bottom = await log.evaluate((el) => el.scrollTop);
  await alice.page.keyboard.press('PageUp');
  await expect.poll(() => log.evaluate((el) => el.scrollTop)).toBeLessThan(bottom);
});

test('new messages reach a polite live region, a burst as one announcement', async ({ people }) => {
  const room = uniqueRoom('live');
  const alice = await people.open('alice');
  const bob = await people.open('bob');
  await enterRoom(alice.page, room);
  await enterRoom(bob.page, room);
  await expect(liveRegion(alice.page)).toHaveAttribute('aria-live', 'polite');
  // The page of another context may be the inactive window: ask the document, not the window.
  await expect
    .poll(() => alice.page.evaluate(() => document.activeElement?.getAttribute('aria-label')), {
      message: 'entering a room focuses the composer',
    })
    .toBe('Message');

  await sendMessage(bob.page, 'hello from bob');
  await expect(liveRegion(alice.page)).toHaveText('bob: hello from bob');
  // Our own messages are not read back to us.
  await expect(liveRegion(bob.page)).toHaveText('');

  await alice.page.evaluate(() => {
    // Runs in the page, where the test's `must` does not exist.
    const region = document.querySelector('[data-testid="live-region"]');
    if (!region) throw new Error('no live region');
    const said: string[] = [];
    // A test-only property on window, which has no type for it.
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => {
      const text = region.textContent?.trim();
      if (text) said.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
  for (let i = 1; i <= 6; i++) await sendMessage(bob.page, `burst ${i}`);
  await expect(liveRegion(alice.page)).toContainText('burst 6');
  // A test-only property on window, which has no type for it.
  const said = await alice.page.evaluate(() => (window as unknown as { said: string[] }).said);
  expect(
    said.length,
    `one announcement per burst, not per message: ${JSON.stringify(said)}`,
  ).toBeLessThan(4);
});

test('"Download log" saves the room\'s log as JSON Lines, oldest first', async ({ people }) => {
  const room = uniqueRoom('export');
  const alice = await people.open('alice');
  await enterRoom(alice.page, room);
  for (const text of ['first', 'second https://example.com/x']) {
    await sendMessage(alice.page, text);
  }
  await expectLog(alice.page, [{ text: 'first' }, { text: 'second https://example.com/x' }]);

  const download = alice.page.waitForEvent('download');
  await alice.page.getByRole('link', { name: 'Download log' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`roomlog-${room}.jsonl`);
  const body = await readFile(must(await saved.path()), 'utf8');
  const lines = body
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { seq: number; author: string; text: string });
  expect(lines.map(({ seq, author, text }) => ({ seq, author, text }))).toEqual([
    { seq: 1, author: 'alice', text: 'first' },
    { seq: 2, author: 'alice', text: 'second https://example.com/x' },
  ]);
});
