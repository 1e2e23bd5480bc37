import type { BrowserContext, Page } from '@playwright/test';
import { startCluster, type RunningCluster } from './support/cluster.js';
import { expect, test } from './support/fixtures.js';
import { enterRoom, expectLog, sendMessage, transport, uniqueRoom } from './support/room-page.js';
import { must } from './support/must.js';

// Two nodes on PostgreSQL and Redis behind HAProxy (deploy/haproxy.cfg), pages in Chromium.
test.describe.configure({ timeout: 90_000 });

let cluster: RunningCluster | undefined;
test.afterEach(async ({}, testInfo) => {
  if (cluster && testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('cluster-output', { body: cluster.output(), contentType: 'text/plain' });
  }
  await cluster?.dispose();
  cluster = undefined;
});

// HAProxy's sticky cookie decides the node: setting it pins a page to one.
const pin = (context: BrowserContext, url: string, node: string) =>
  context.addCookies([{ name: 'ROOMLOG_NODE', value: node, url }]);
const nodeOf = async (context: BrowserContext) =>
  (await context.cookies()).find((c) => c.name === 'ROOMLOG_NODE')?.value;

// Engine.IO's answer to a request for a session the node does not hold.
function watchSessionUnknown(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', async (response) => {
    if (!/\/socket\.io\/.*transport=polling/.test(response.url()) || response.status() !== 400)
      return;
    const body = await response.text().catch(() => '');
    if (body.includes('Session ID unknown')) seen.push(body);
  });
  return seen;
}

test('a polling page and a WebSocket page on different nodes chat; a killed node is survived', async ({
  people,
}) => {
  cluster = await startCluster();
  const room = uniqueRoom('cluster');
  const pat = await people.open('pat', { server: cluster });
  const quinn = await people.open('quinn', { server: cluster });
  await pin(pat.context, cluster.url, 'node-a');
  await pin(quinn.context, cluster.url, 'node-b');
  await enterRoom(pat.page, room, { polling: true });
  await enterRoom(quinn.page, room);
  await expect(transport(pat.page)).toHaveText('polling');
  await expect(transport(quinn.page)).toHaveText('websocket');
  expect(await nodeOf(pat.context)).toBe('node-a');
  expect(await nodeOf(quinn.context)).toBe('node-b');

  await sendMessage(pat.page, 'from A over polling');
  await expectLog(quinn.page, [{ text: 'from A over polling', author: 'pat' }]);
  await sendMessage(quinn.page, 'from B over websocket');
  const before = [
    { text: 'from A over polling', author: 'pat' },
    { text: 'from B over websocket', author: 'quinn' },
  ];
  await expectLog(pat.page, before);

  // Node A dies; pat's page reconnects through HAProxy to node B and catches up.
  await must(cluster.nodes[0]).kill();
  await sendMessage(quinn.page, 'while A was down');
  await expect(pat.page.getByTestId('connection-state')).toHaveText('connected', {
    timeout: 30_000,
  });
  await sendMessage(pat.page, 'pat again, now on B');
  const all = [
    ...before,
    { text: 'while A was down', author: 'quinn' },
    { text: 'pat again, now on B', author: 'pat' },
  ];
  await expectLog(pat.page, all);
  await expectLog(quinn.page, all);
  expect(await nodeOf(pat.context)).toBe('node-b');
  await expect(transport(pat.page)).toHaveText('polling');
});

for (const sticky of [false, true]) {
  test(`negative control: long-polling through HAProxy ${sticky ? 'with' : 'without'} sticky sessions ${sticky ? 'works' : 'gets "Session ID unknown"'}`, async ({
    people,
  }) => {
    cluster = await startCluster({ sticky });
    const room = uniqueRoom('sticky');
    const rita = await people.open('rita', { server: cluster });
    const unknown = watchSessionUnknown(rita.page);
    await rita.page.goto(`/r/${room}?transport=polling`);
    if (sticky) {
      await enterRoom(rita.page, room, { polling: true });
      await sendMessage(rita.page, 'sticky works');
      await expectLog(rita.page, [{ text: 'sticky works', author: 'rita' }]);
      expect(unknown).toEqual([]);
    } else {
      // Requests alternate between the nodes: the one without the session refuses it.
      await expect.poll(() => unknown.length, { timeout: 20_000 }).toBeGreaterThan(0);
      expect(unknown[0]).toContain('Session ID unknown');
    }
  });
}
