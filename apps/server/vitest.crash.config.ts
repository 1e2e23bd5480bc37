import { defineConfig } from 'vitest/config';

// The crash test runs the built server as a child process: `turbo run test:crash` builds it first.
export default defineConfig({
  test: {
    include: ['test/crash/**/*.test.ts'],
    // Each file runs real server processes (and HAProxy): one file at a time on 2 cores.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 30_000,
  },
});
