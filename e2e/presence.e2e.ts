import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import {
  connectionState,
  enterRoom,
  membersRegion,
  QUICK_POLL,
  transport,
  uniqueRoom,
} from './support/room-page.js';
import { tapSocketIo } from './support/socket-tap.js';

// A short grace keeps this file quick; the server's default is 15 s.
const GRACE_MS = 3000;
test.use({ ownServerEnv: { ROOMLOG_PRESENCE_GRACE_MS: String(GRACE_MS) } });

/** The member list as shown, one string per entry: `ada (you)`, `bob reconnecting`. */
function memberList(page: Page): Promise<string[]> {
  return membersRegion(page)
    .getByRole('listitem')
    .evaluateAll((items) =>
      items.map((li) =>
        [
          li.firstChild?.textContent?.trim() ?? '',
          li.querySelector('.you') ? '(you)' : '',
          li.querySelector('.reconnecting') ? 'reconnecting' : '',
        ]
          .filter(Boolean)
          .join(' '),
      ),
    );
}

interface PresenceFrame {
  event: string;
  name: string;
  at: number;
}

/** Every `member:*` event the server sends to the pages of `context` over a WebSocket. */
async function recordPresence(context: BrowserContext): Promise<PresenceFrame[]> {
  const frames: PresenceFrame[] = [];
  const tap = await tapSocketIo(context);
  tap.setPolicy({
    toPage(frame) {
      const match = /^42\d*(\[.*)$/s.exec(frame);
      if (match?.[1]) {
        const [event, payload] = JSON.parse(match[1]) as [string, { names?: string[] }];
        // Presence events carry the names of one or more people (typing carries one `name`).
        if (event.startsWith('member:') && payload.names) {
          for (const name of payload.names) frames.push({ event, name, at: Date.now() });
        }
      }
      return false;
    },
  });
  return frames;
}

test('three people see each other once; a drop within the grace is no leave, a closed page leaves after it', async ({
  people,
  ownServer,
}) => {
  const room = uniqueRoom('presence');
  const ada = await people.open('ada', { server: ownServer });
  const heard = await recordPresence(ada.context);
  const bob = await people.open('bob', { server: ownServer });
  const cleo = await people.open('cleo', { server: ownServer });
  for (const person of [ada, bob, cleo]) await enterRoom(person.page, room);
  // What is recorded, and what bob drops, is the WebSocket (not the polling before the upgrade).
  await expect(transport(ada.page)).toHaveText('websocket');
  await expect(transport(bob.page)).toHaveText('websocket');

  // One entry per person, ourselves marked.
  const everyone = ['ada', 'bob', 'cleo'];
  for (const person of [ada, bob, cleo]) {
    await expect
      .poll(() => memberList(person.page), QUICK_POLL)
      .toEqual(everyone.map((name) => (name === person.name ? `${name} (you)` : name)));
  }
  // A second tab of bob's is still one bob.
  const bobsSecondTab = await bob.context.newPage();
  await enterRoom(bobsSecondTab, room);
  await expect
    .poll(() => memberList(bobsSecondTab), QUICK_POLL)
    .toEqual(['ada', 'bob (you)', 'cleo']);
  await bobsSecondTab.close();
  await expect.poll(() => memberList(ada.page), QUICK_POLL).toEqual(['ada (you)', 'bob', 'cleo']);

  // Bob's network drops (the browser closes his WebSocket); cleo closes her page.
  const before = heard.length;
  await bob.context.setOffline(true);
  // (Gone before cleo closes: her departure is news bob cannot have heard.)
  await expect(connectionState(bob.page)).not.toHaveText('connected');
  // And the server has seen him drop before cleo closes: the browser may hold his socket a moment,
  // and once cleo closes, "both reconnecting" lasts only her short grace.
  await expect
    .poll(() => memberList(ada.page), QUICK_POLL)
    .toEqual(['ada (you)', 'bob reconnecting', 'cleo']);
  await cleo.page.close();
  const cleoClosedAt = Date.now();
  await expect
    .poll(() => memberList(ada.page), QUICK_POLL)
    .toEqual(['ada (you)', 'bob reconnecting', 'cleo reconnecting']);
  // Offline, bob still sees the room as he left it, himself included.
  expect(await memberList(bob.page)).toEqual(['ada', 'bob (you)', 'cleo']);

  // Bob is back well within the grace ("Reconnect now", or the retry it races).
  await bob.context.setOffline(false);
  await bob.page
    .getByRole('button', { name: 'Reconnect now' })
    .click({ timeout: 2_000 })
    .catch(() => {});
  await expect(transport(bob.page)).toHaveText('websocket');
  await expect.poll(() => memberList(ada.page), QUICK_POLL).toContain('bob');

  // Cleo's leave comes once, after the grace, and not before.
  await expect(membersRegion(ada.page).getByRole('listitem')).toHaveCount(2, {
    timeout: GRACE_MS + 10_000,
  });
  expect(await memberList(ada.page)).toEqual(['ada (you)', 'bob']);
  const cleoLeft = heard.filter((f) => f.event === 'member:left' && f.name === 'cleo');
  expect(cleoLeft).toHaveLength(1);
  expect(cleoLeft[0]?.at ?? 0).toBeGreaterThanOrEqual(cleoClosedAt + GRACE_MS - 500);

  // Bob's old connection ended its grace at about the same time as cleo's: no leave for him.
  await bob.page.waitForTimeout(1_000);
  const bobSince = heard.slice(before).filter((f) => f.name === 'bob');
  expect(bobSince.map((f) => f.event)).toEqual(['member:away', 'member:joined']);
  expect(heard.filter((f) => f.event === 'member:left').map((f) => f.name)).toEqual(['cleo']);
  expect(await memberList(ada.page)).toEqual(['ada (you)', 'bob']);
  expect(await memberList(bob.page)).toEqual(['ada', 'bob (you)']);
});
