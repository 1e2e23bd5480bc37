import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Browser downloads are impossible here: drive Debian's Chromium (`apt-get install chromium`).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  throw new Error(
    `No Chromium at ${executablePath}: apt-get install chromium, or set CHROMIUM_PATH`,
  );
}

export default defineConfig({
  testDir: '.',
  testMatch: '*.e2e.ts',
  // The fixtures in support/fixtures.ts start the built server; no `webServer` here.
  // One worker: on this 2-core machine two workers (two Chromiums, two servers) finish no
  // sooner, and every test runs twice as slowly, closer to its timeouts.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  // Socket.IO's reconnection back-off reaches 5 s (±50 %): allow one full step in every wait.
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    // Recording traces costs ~40 % of the run here; ask for them with `--trace on` when needed.
    trace: 'off',
  },
});
