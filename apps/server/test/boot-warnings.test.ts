import { afterEach, expect, it } from 'vitest';
import { buildServer, loadConfig } from '../src/index.js';

const warnings: Error[] = [];
const collect = (warning: Error) => warnings.push(warning);
afterEach(() => {
  process.off('warning', collect);
});

// Each test file runs in a process of its own, so Fastify's once-per-process warnings fire here.
it('boots without deprecation warnings', async () => {
  process.on('warning', collect);
  const app = await buildServer({
    config: loadConfig({ ROOMLOG_STORE: 'memory', LOG_LEVEL: 'silent' }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  await app.close();
  // Warnings are emitted on the next tick.
  await new Promise((resolve) => setImmediate(resolve));
  expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
});
