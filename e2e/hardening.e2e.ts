import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures.js';
import { webIndex } from './support/server.js';
import {
  enterRoom,
  expectLog,
  membersRegion,
  messagesRegion,
  sendMessage,
  uniqueRoom,
} from './support/room-page.js';
import { must } from './support/must.js';

// Markup and tricks that must show as text and never run: script tags, event-handler
// attributes, javascript: URLs, and a right-to-left override.
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  'javascript:alert(3)',
  '[click](javascript:alert(4))',
  'abc\u202Edcba.exe',
];
const NAMES = ['<script>alert(5)</script>', 'javascript:alert(6)'];
// The inline scripts the built page ships with (each allowed by its hash in the CSP).
const shippedInline = (
  readFileSync(webIndex(), 'utf8').match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []
).length;

test('hostile messages and names render inert, live and from history', async ({ people }) => {
  const room = uniqueRoom('inert');
  const [scripty, linky] = [await people.open(must(NAMES[0])), await people.open(must(NAMES[1]))];
  const victor = await people.open('victor-inert');
  for (const person of [scripty, linky, victor]) await enterRoom(person.page, room);

  const log = PAYLOADS.map((text, i) => ({ text, author: must(NAMES[i % 2]) }));
  for (const [i, { text }] of log.entries()) {
    await sendMessage((i % 2 === 0 ? scripty : linky).page, text);
    await expectLog(victor.page, log.slice(0, i + 1)); // in order, before the next is sent
  }
  // From history: someone who joins later reads the same log from the server.
  const late = await people.open('late-inert');
  await enterRoom(late.page, room);
  await expectLog(late.page, log);
  await victor.page.reload();
  await expectLog(victor.page, log);

  for (const person of [scripty, linky, victor, late]) {
    const page = person.page;
    await expect(messagesRegion(page).locator('img, a[href^="javascript"], script')).toHaveCount(0);
    for (const name of NAMES) await expect(membersRegion(page)).toContainText(name);
    // Only the page's own inline scripts (SvelteKit's bootstrap, the theme) exist: none injected.
    expect(await page.locator('script:not([src])').count()).toBeLessThanOrEqual(shippedInline);
    expect(person.dialogs, 'no dialog may open').toEqual([]);
  }
});

test('a hostile room name in the URL is refused as text', async ({ people }) => {
  const mallory = await people.open('mallory-url');
  await mallory.page.goto(`/r/${encodeURIComponent('<img src=x onerror=alert(7)>')}`);
  await mallory.page.goto('/r/javascript:alert(8)');
  await expect(mallory.page.locator('body')).toBeVisible();
  await expect(mallory.page.locator('img[src="x"]')).toHaveCount(0);
  expect(mallory.dialogs).toEqual([]);
});

test('a name with a bidi override is refused in the browser with the reason', async ({
  people,
}) => {
  const person = await people.open(null);
  await person.page.goto('/');
  const field = person.page.getByLabel(/name/i).first();
  await field.fill('evil\u202Eexe');
  await field.press('Enter');
  await expect(person.page.locator('body')).toContainText('invisible formatting characters');
});

test('every page carries the CSP and security headers, and works under them', async ({
  people,
}) => {
  const alice = await people.open('alice-csp');
  const bob = await people.open('bob-csp');
  const violations: string[] = [];
  for (const person of [alice, bob]) {
    person.page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
  }
  const room = uniqueRoom('csp');
  const response = await alice.page.goto(`/r/${room}`);
  const headers = must(response).headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[^']+'/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');

  await enterRoom(alice.page, room);
  await enterRoom(bob.page, room);
  await sendMessage(alice.page, 'works under the CSP');
  await expectLog(bob.page, [{ text: 'works under the CSP', author: 'alice-csp' }]);
  expect(violations).toEqual([]);
});
