import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { NAME_KEY, SESSION_KEY, openPerson } from '../support/people.js';
import { composer, enterRoom, messageItems, sendMessage } from '../support/room-page.js';
import { must } from '../support/must.js';
import { busyRoomLines, numberedLines, seedRoom } from '../support/seed.js';
import { startServer, type RunningServer } from '../support/server.js';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 740 },
} as const;
const SCHEMES = ['light', 'dark'] as const;

/** Others in the rooms: `room` people, one who types there, one who writes in `side`. */
interface Company {
  typist: Page;
  writer: Page;
  /** Ada's session token, carried from one context to the next: the server holds her name for it. */
  adaSession: string | null;
}

/** Ada's view of the lobby, or of the busy room (with the other room in the sidebar). */
async function shoot(
  browser: Browser,
  server: RunningServer,
  company: Company,
  what: 'lobby' | 'room',
  viewport: keyof typeof VIEWPORTS,
  scheme: (typeof SCHEMES)[number],
) {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport: VIEWPORTS[viewport],
    colorScheme: scheme,
    deviceScaleFactor: 1,
  });
  await context.addInitScript(
    ([name, session]) => {
      localStorage.setItem(name[0], name[1]);
      if (session[1]) localStorage.setItem(session[0], session[1]);
    },
    [
      [NAME_KEY, 'ada'],
      [SESSION_KEY, company.adaSession ?? ''],
    ] as const,
  );
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'release' })).toBeVisible();
  if (what === 'lobby') {
    await page.screenshot({ path: path.join(OUT, `lobby-${viewport}-${scheme}.png`) });
    await context.close();
    return;
  }

  // Two rooms joined; the one not on screen gets a message that mentions ada (unread: 1).
  await enterRoom(page, 'design');
  await enterRoom(page, 'release');
  await expect(messageItems(page).last()).toContainText('Ship it.');
  await sendMessage(company.writer, 'ada, the phone mock-ups are in; could you look?');
  await expect(page.getByTestId('unread-count')).toHaveText('1');
  // Someone is typing: a keystroke each try (the typist's page sends one notice per 2 s).
  await expect
    .poll(async () => {
      await composer(company.typist).press('a');
      return page.getByTestId('typing').textContent();
    })
    .toMatch(/typing…$/);
  // The composer has the focus; a reader looking at the log would not see its caret blink.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(OUT, `room-${viewport}-${scheme}.png`) });
  if (viewport === 'phone') {
    await page.getByRole('button', { name: /Rooms/ }).click();
    const drawer = page.getByRole('navigation', { name: 'Rooms' });
    await expect.poll(async () => (await drawer.boundingBox())?.x).toBe(0);
    await page.screenshot({ path: path.join(OUT, `rooms-drawer-${viewport}-${scheme}.png`) });
  }
  company.adaSession = await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
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
    const writer = await openPerson(browser, { baseURL: server.url, name: 'hana' });
    others.push(writer);
    await enterRoom(writer.page, 'design');
    const company: Company = {
      typist: must(others[0]).page,
      writer: writer.page,
      adaSession: null,
    };
    // Every lobby first: the rooms' counts are the same in each.
    for (const what of ['lobby', 'room'] as const) {
      for (const viewport of Object.keys(VIEWPORTS) as Array<keyof typeof VIEWPORTS>) {
        for (const scheme of SCHEMES) await shoot(browser, server, company, what, viewport, scheme);
      }
    }
  } finally {
    await Promise.all(others.map((person) => person.context.close()));
    await server.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});
