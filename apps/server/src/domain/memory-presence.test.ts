import { createMemoryPresence } from './presence.js';
import { registerPresenceContract } from './presence.contract.js';

// One node: both views are the same object.
registerPresenceContract('memory', async () => {
  const presence = createMemoryPresence();
  return { a: presence, b: presence, cleanup: () => presence.close() };
});
