// Starts a TypeScript worker thread: registers tsx in this thread, then loads the module given.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

/** @type {unknown} */
const data = workerData;
const module = typeof data === 'object' && data !== null && 'module' in data ? data.module : null;
if (typeof module !== 'string') throw new Error('ts-worker needs workerData.module (a URL)');
register();
await import(module);
