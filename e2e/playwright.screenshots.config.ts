import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

// `pnpm screenshots`: the pictures in docs/screenshots/, from the built server (build first).
export default defineConfig({
  ...base,
  testDir: './screenshots',
  testMatch: '*.shots.ts',
  timeout: 120_000,
});
