// Roomlog's server on a store made by a named factory (BENCH_STORE), for the store benchmark:
// the same buildServer as `main.ts`, only the store is injected. Listens on PORT, 127.0.0.1.
import os from 'node:os';
import { buildServer, loadConfig } from '@roomlog/server';
import { storeFactories } from './store-factories.js';

const factory = storeFactories[process.env.BENCH_STORE ?? ''];
if (!factory) throw new Error(`unknown BENCH_STORE ${process.env.BENCH_STORE}`);
const { store, close } = await factory.open();
const config = loadConfig({
  LOG_LEVEL: 'warn',
  ROOMLOG_WEB_ROOT: os.tmpdir(),
  // The limits stay on, far above the load (every client comes from 127.0.0.1).
  ROOMLOG_SEND_RATE: '1000000',
  ROOMLOG_SEND_BURST: '1000000',
  ROOMLOG_CONNECTIONS_PER_IP: '1000000',
  ROOMLOG_JOINS_PER_MINUTE: '1000000',
  ROOMLOG_HISTORY_PER_MINUTE: '1000000',
});
// BENCH_COALESCE=0: the server before write coalescing, for a same-run baseline.
const app = await buildServer({
  config,
  store,
  coalesceWrites: process.env.BENCH_COALESCE !== '0',
});
process.once('SIGTERM', () => {
  void app
    .close()
    .then(close)
    .then(() => process.exit(0));
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
