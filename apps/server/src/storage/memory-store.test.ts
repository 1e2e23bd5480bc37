import { createMemoryStore } from './memory-store.js';
import { registerMessageStoreContract } from './message-store.contract.js';

registerMessageStoreContract('memory', () => {
  const store = createMemoryStore();
  return Promise.resolve({ store, cleanup: () => store.close() });
});
