// Starts a TypeScript worker thread: registers tsx in this thread, then loads the module given.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.module);
