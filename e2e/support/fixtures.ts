import { writeFile } from 'node:fs/promises';
import { test as base, type TestInfo } from '@playwright/test';
import { SESSION_KEY, openPerson, type Person } from './people.js';
import { startServer, type RunningServer } from './server.js';

export { expect } from '@playwright/test';

/** Opens people (browser contexts); all are closed when the test ends. */
export interface People {
  /**
   * A new person against `server` (the worker's server by default). `name: null` opens
   * someone with no stored display name.
   */
  open(name: string | null, options?: { server?: Pick<RunningServer, 'url'> }): Promise<Person>;
}

interface TestFixtures {
  people: People;
  /** Settings for `ownServer` (an option: `test.use({ ownServerEnv: { … } })`). */
  ownServerEnv: Readonly<Record<string, string>>;
  /** A server of this test's own, on a fresh database: for tests that stop or restart it. */
  ownServer: RunningServer;
}

interface WorkerFixtures {
  /** One server per worker, shared by the tests it runs; tests keep apart by room name. */
  server: RunningServer;
}

// Session tokens by server and name, across the tests of this worker.
const sessions = new Map<string, string>();

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.dispose();
    },
    { scope: 'worker', timeout: 30_000 },
  ],

  ownServerEnv: [{}, { option: true }],

  ownServer: async ({ ownServerEnv }, use, testInfo) => {
    const server = await startServer({ env: ownServerEnv });
    await use(server);
    if (testInfo.status !== testInfo.expectedStatus) {
      await attachText(testInfo, 'own-server-output', server.output());
    }
    await server.dispose();
  },

  people: async ({ browser, server }, use, testInfo) => {
    const opened: { person: Person; key: string }[] = [];
    await use({
      async open(name, options = {}) {
        const baseURL = (options.server ?? server).url;
        // The server binds a name to the session that holds it: a later test's "alice" is the
        // same person as an earlier one's, so she presents the token that session was given.
        const key = `${baseURL}|${name}`;
        const person = await openPerson(browser, { baseURL, name, session: sessions.get(key) });
        opened.push({ person, key });
        return person;
      },
    });
    for (const { person, key } of opened) {
      const token = await person.page
        .evaluate((k) => localStorage.getItem(k), SESSION_KEY)
        .catch(() => null);
      if (token && person.name !== null) sessions.set(key, token);
    }
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [index, { person }] of opened.entries()) {
        const text = await person.page
          .locator('body')
          .innerText({ timeout: 1_000 })
          .catch((error: Error) => `(unreadable: ${error.message})`);
        const body = [
          `url: ${person.page.url()}`,
          '--- page text ---',
          text,
          '---',
          `dialogs: ${JSON.stringify(person.dialogs)}`,
          `socket.io websockets: ${JSON.stringify(person.socketIoWebSockets)}`,
          '--- console ---',
          ...person.console,
        ].join('\n');
        const label = `person-${index + 1}-${person.name ?? 'no-name'}`;
        await attachText(testInfo, label, body);
        const screenshot = await person.page.screenshot({ timeout: 2_000 }).catch(() => null);
        if (screenshot) {
          await testInfo.attach(`${label}.png`, { body: screenshot, contentType: 'image/png' });
        }
      }
      await attachText(testInfo, 'worker-server-output', server.output());
    }
    await Promise.all(opened.map(({ person }) => person.context.close().catch(() => {})));
  },
});

// Saved as files: the list reporter prints their paths instead of cutting long text short.
async function attachText(testInfo: TestInfo, name: string, text: string): Promise<void> {
  const file = testInfo.outputPath(`${name.replace(/[^\w.-]+/g, '_')}.txt`);
  await writeFile(file, text);
  await testInfo.attach(name, { path: file, contentType: 'text/plain' });
}
