import { describe, expect, it } from 'vitest';
import { createMemoryNameRegistry } from './name-registry.js';
import { CONTRACT_GRACE_MS, registerNameRegistryContract } from './name-registry.contract.js';

// One node: both views are the same object.
registerNameRegistryContract('memory', () => {
  const names = createMemoryNameRegistry({ graceMs: CONTRACT_GRACE_MS });
  return Promise.resolve({ a: names, b: names, cleanup: () => names.close() });
});

describe('memory name registry', () => {
  it('measures the grace on its injected clock', async () => {
    let t = 0;
    const names = createMemoryNameRegistry({ graceMs: 1000, now: () => t });
    await names.claim('ada', 's1', 'c1');
    await names.release('ada', 's1', 'c1');
    t = 999;
    expect(await names.claim('ada', 's2', 'c2')).toBe(false);
    t = 1000;
    expect(await names.claim('ada', 's2', 'c2')).toBe(true);
  });
});
