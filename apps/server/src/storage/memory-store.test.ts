import { createMemoryStore } from './memory-store.js';
import { registerMessageStoreContract } from './message-store.contract.js';

registerMessageStoreContract('memory', async () => {
  const store = createMemoryStore();
  return { store, cleanup: () => store.close() };
});
