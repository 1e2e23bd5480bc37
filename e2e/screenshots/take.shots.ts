import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser } from '@playwright/test';
import { NAME_KEY, openPerson } from '../support/people.js';
import { enterRoom, messageItems } from '../support/room-page.js';
import { busyRoomLines, numberedLines, seedRoom } from '../support/seed.js';
import { startServer, type RunningServer } from '../support/server.js';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 740 },
} as const;
const SCHEMES = ['light', 'dark'] as const;

async function shoot(
  browser: Browser,
  server: RunningServer,
  viewport: keyof typeof VIEWPORTS,
  scheme: (typeof SCHEMES)[number],
) {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: VIEWPORTS[viewport],
    colorScheme: scheme,
    deviceScaleFactor: 1,
  });
  await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [
    NAME_KEY,
    'ada',
  ] as const);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'release' })).toBeVisible();
  await page.screenshot({ path: path.join(OUT, `lobby-${viewport}-${scheme}.png`) });

  await enterRoom(page, 'release');
  await expect(messageItems(page).last()).toContainText('Ship it.');
  // The composer has the focus; a reader looking at the log would not see its caret blink.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(OUT, `room-${viewport}-${scheme}.png`) });
  await context.close();
}

test('the lobby and a busy room: desktop and phone, light and dark', async ({ browser }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'roomlog-shots-'));
  const dbPath = path.join(dir, 'roomlog.db');
  await seedRoom(dbPath, 'release', busyRoomLines());
  await seedRoom(dbPath, 'design', numberedLines(42, { prefix: 'design note' }));
  await seedRoom(dbPath, 'random', numberedLines(3, { prefix: 'hello' }));
  const server = await startServer({ dbPath });
  const others = [];
  try {
    await mkdir(OUT, { recursive: true });
    // Others present in the room, so its member list is a busy one.
    for (const name of ['bob', 'cleo', 'dmitri', 'erin', 'farah', 'gustav']) {
      const person = await openPerson(browser, { baseURL: server.url, name });
      others.push(person);
      await enterRoom(person.page, 'release');
    }
    for (const viewport of Object.keys(VIEWPORTS) as Array<keyof typeof VIEWPORTS>) {
      for (const scheme of SCHEMES) await shoot(browser, server, viewport, scheme);
    }
  } finally {
    await Promise.all(others.map((person) => person.context.close()));
    await server.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});
