import { createMemoryPresence } from './presence.js';
import { registerPresenceContract } from './presence.contract.js';

// One node: both views are the same object.
registerPresenceContract('memory', () => {
  const presence = createMemoryPresence();
  return Promise.resolve({ a: presence, b: presence, cleanup: () => presence.close() });
});
