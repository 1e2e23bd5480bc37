import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import {
  composer,
  connectionState,
  enterRoom,
  QUICK_POLL,
  messageItems,
  messagesRegion,
  sendMessage,
  uniqueRoom,
} from './support/room-page.js';
import { busyRoomLines, numberedLines, seedRoom } from './support/seed.js';
import { must } from './support/must.js';

const THEMES = ['light', 'dark'] as const;

/** axe's serious and critical findings on the page as it is now, in a readable form. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const backgroundOf = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('axe finds nothing serious on the lobby and a busy room, light and dark', async ({
  people,
  ownServer,
}) => {
  const room = uniqueRoom('axe');
  await ownServer.stop();
  await seedRoom(ownServer.dbPath, room, busyRoomLines());
  await ownServer.restart();
  const bob = await people.open('bob', { server: ownServer });
  await enterRoom(bob.page, room);
  const ada = await people.open('ada', { server: ownServer });

  for (const theme of THEMES) {
    await ada.page.emulateMedia({ colorScheme: theme });
    await ada.page.goto('/');
    await expect(ada.page.getByRole('link', { name: room })).toBeVisible();
    expect(await seriousViolations(ada.page), `lobby, ${theme}`).toEqual([]);

    await enterRoom(ada.page, room);
    await expect(messagesRegion(ada.page).getByText('Ship it.', { exact: true })).toBeVisible();
    await sendMessage(ada.page, `a word from ada in the ${theme} theme`);
    await expect(messageItems(ada.page).last()).toHaveAttribute('data-state', 'sent');
    expect(await seriousViolations(ada.page), `busy room, ${theme}`).toEqual([]);
  }
});

test('the system dark setting and the toggle change the background; the choice is kept', async ({
  people,
}) => {
  const ada = await people.open('ada');
  await ada.page.emulateMedia({ colorScheme: 'light' });
  await ada.page.goto('/');
  const light = await backgroundOf(ada.page);
  expect(light).toBe('rgb(255, 255, 255)');

  await ada.page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => backgroundOf(ada.page)).not.toBe(light);
  const dark = await backgroundOf(ada.page);

  // The toggle overrides the system and is remembered across a reload.
  await ada.page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => backgroundOf(ada.page)).toBe(light);
  const toggle = ada.page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => backgroundOf(ada.page)).toBe(dark);
  await ada.page.reload();
  await expect.poll(() => backgroundOf(ada.page)).toBe(dark);
  await toggle.click();
  await expect.poll(() => backgroundOf(ada.page)).toBe(light);
});

test('at 375 px nothing scrolls sideways, and the member list collapses to "+N more"', async ({
  people,
}) => {
  const room = uniqueRoom('phone');
  // Names of this test's own: once, run after the other tests of this worker, "ada" was refused
  // NAME_TAKEN here (a session from an earlier test still held it); not reproduced alone.
  const names = ['ada', 'bob', 'cleo', 'dmitri', 'erin', 'farah'].map((n) => `${n}-phone`);
  const everyone = [];
  for (const name of names) {
    const person = await people.open(name);
    await enterRoom(person.page, room);
    everyone.push(person);
  }
  const ada = must(everyone[0]);
  await ada.page.setViewportSize({ width: 375, height: 740 });
  await sendMessage(
    ada.page,
    `a long word: ${'x'.repeat(120)} and a long link https://example.com/${'y'.repeat(120)}`,
  );
  await expect(messageItems(ada.page).last()).toHaveAttribute('data-state', 'sent');

  const sideways = () =>
    ada.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await sideways(), 'the room scrolls sideways').toBeLessThanOrEqual(0);
  const members = ada.page.getByRole('region', { name: 'Members', exact: true });
  const more = members.getByRole('button', { name: '+3 more' });
  await expect(more).toBeVisible();
  await expect(members.getByRole('listitem').filter({ visible: true })).toHaveCount(3);
  const box = await more.boundingBox();
  expect(must(box).height, 'touch target').toBeGreaterThanOrEqual(44);
  await more.click();
  await expect(members.getByRole('listitem').filter({ visible: true })).toHaveCount(6);

  await ada.page.goto('/');
  await expect(ada.page.getByRole('heading', { name: 'Join a room' })).toBeVisible();
  expect(await sideways(), 'the lobby scrolls sideways').toBeLessThanOrEqual(0);
});

test('offline: plain words, and a pending message keeps readable contrast', async ({ people }) => {
  const room = uniqueRoom('pending');
  const ada = await people.open('ada');
  await enterRoom(ada.page, room);
  await ada.context.setOffline(true);
  // Plain words while reconnecting, not a bare state.
  await expect(ada.page.getByTestId('connection-detail')).toHaveText(/^Reconnecting…/);
  await sendMessage(ada.page, 'waiting to be sent');
  const pending = messageItems(ada.page).last();
  await expect(pending).toHaveAttribute('data-state', 'pending');
  expect(await pending.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  const violations = await new AxeBuilder({ page: ada.page })
    .include('[data-state="pending"]')
    .withRules(['color-contrast'])
    .analyze();
  expect(violations.violations).toEqual([]);
  await ada.context.setOffline(false);
});

test('the composer grows with its text up to a limit, then scrolls; it shrinks after sending', async ({
  people,
}) => {
  const ada = await people.open('ada');
  await enterRoom(ada.page, uniqueRoom('grow'));
  const box = composer(ada.page);
  const height = async () => must(await box.boundingBox()).height;
  const empty = await height();
  await box.fill('one\ntwo\nthree');
  await expect.poll(height).toBeGreaterThan(empty + 20);
  await box.fill(Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n'));
  await expect.poll(height).toBeLessThanOrEqual(200);
  expect(await box.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  await box.press('Enter');
  await expect(messageItems(ada.page)).toHaveCount(1);
  await expect.poll(height).toBe(empty);
});

test('every control in the room is a 44 px touch target at 375 px', async ({ people }) => {
  const room = uniqueRoom('touch');
  const ada = await people.open('ada');
  await ada.page.setViewportSize({ width: 375, height: 740 });
  await enterRoom(ada.page, room);
  await sendMessage(ada.page, 'hello');
  await expect(messageItems(ada.page)).toHaveCount(1);
  // Links inside message text are exempt (inline in a sentence, WCAG 2.5.8).
  const small = await ada.page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, a, textarea, input')]
      .filter((el) => !el.closest('[data-testid="message-text"]'))
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({
        what: el.textContent?.trim() || el.tagName,
        h: el.getBoundingClientRect().height,
      }))
      .filter(({ h }) => h < 44),
  );
  expect(small).toEqual([]);
});

test('the connection badge explains long-polling in its tooltip', async ({ people }) => {
  const ada = await people.open('ada');
  await enterRoom(ada.page, uniqueRoom('polling'), { polling: true });
  await expect(ada.page.getByTestId('transport')).toHaveText('polling');
  await expect(ada.page.locator('.connection')).toHaveAttribute(
    'title',
    /^Long-polling: messages go over ordinary HTTP requests/,
  );
});

test('the badge shows the transport and a measured round-trip time', async ({ people }) => {
  const ada = await people.open('ada');
  await enterRoom(ada.page, uniqueRoom('rtt'));
  await expect(ada.page.getByTestId('transport')).toHaveText('websocket');
  await expect(ada.page.getByTestId('rtt')).toHaveText(/^\d+ ms$/);
  await expect(ada.page.locator('.connection')).toHaveAttribute('title', /^WebSocket: /);
});

test('offline, the banner counts attempts down to the next try; "Reconnect now" does not wait', async ({
  people,
}) => {
  const ada = await people.open('ada');
  await enterRoom(ada.page, uniqueRoom('retry'));
  const detail = ada.page.getByTestId('connection-detail');
  const reconnectNow = ada.page.getByRole('button', { name: 'Reconnect now' });
  await ada.context.setOffline(true);
  await expect(detail).toHaveText(/^Reconnecting… attempt \d+, (next try in \d+ s|trying now)$/);
  await expect(ada.page.getByTestId('rtt')).toBeHidden();
  const shown = async () => {
    const [, attempt, seconds] = /attempt (\d+), next try in (\d+) s/.exec(
      (await detail.textContent()) ?? '',
    ) ?? [null, '0', '0'];
    return { attempt: Number(attempt), seconds: Number(seconds) };
  };
  // The back-off doubles: wait for a wait long enough to see it tick and to tell a click from
  // the timer.
  let first = { attempt: 0, seconds: 0 };
  await expect
    .poll(async () => (first = await shown()).seconds, { ...QUICK_POLL, timeout: 20_000 })
    .toBeGreaterThanOrEqual(4);
  expect(first.attempt).toBeGreaterThanOrEqual(3);
  // The countdown ticks down within one attempt.
  await expect
    .poll(async () => {
      const now = await shown();
      return now.attempt === first.attempt && now.seconds > 0 && now.seconds < first.seconds;
    }, QUICK_POLL)
    .toBe(true);
  await ada.context.setOffline(false);
  await reconnectNow.click();
  // Sooner than the timer would have tried (about 2 s or more were left).
  await expect(connectionState(ada.page)).toHaveText('connected', { timeout: 1_500 });
  await expect(detail).toHaveCount(0);
  await expect(reconnectNow).toHaveCount(0);
});

test('a reader at the bottom stays there when the log shrinks (a phone keyboard, the member strip)', async ({
  people,
  ownServer,
}) => {
  const room = uniqueRoom('shrink');
  await ownServer.stop();
  await seedRoom(ownServer.dbPath, room, numberedLines(40));
  await ownServer.restart();
  const ada = await people.open('ada', { server: ownServer });
  await ada.page.setViewportSize({ width: 375, height: 740 });
  await enterRoom(ada.page, room);
  await expect(messageItems(ada.page).last()).toContainText('line 40');
  const belowView = () =>
    messagesRegion(ada.page).evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  await expect.poll(belowView, QUICK_POLL).toBeLessThanOrEqual(1);
  await ada.page.setViewportSize({ width: 375, height: 480 });
  await expect.poll(belowView, QUICK_POLL).toBeLessThanOrEqual(1);
  await expect(messageItems(ada.page).last()).toBeInViewport();
});
