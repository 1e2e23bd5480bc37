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
  ROOMLOG_SEND_RATE: '1000000',
  ROOMLOG_SEND_BURST: '1000000',
});
const app = await buildServer({ config, store });
process.once('SIGTERM', () => {
  void app
    .close()
    .then(close)
    .then(() => process.exit(0));
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
