#!/usr/bin/env node
// The only entry point: reads the environment, listens, and shuts down on signals.
import { buildServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { drainAndClose } from './ops/shutdown.js';

async function main() {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
  let app;
  try {
    app = await buildServer({ config });
  } catch (err) {
    // Unreachable PostgreSQL or Redis, a newer schema…: one line, no stack.
    console.error(
      `roomlog: refusing to start: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(1);
  }
  // Nothing a client sends should get here (every command is caught and answered INTERNAL); if
  // something does anyway, log it with its context and keep serving the other clients rather
  // than dropping everyone's connection. Not exiting is safe here: no state is half-written
  // outside a SQLite transaction, which rolls back on its own.
  process.on('uncaughtException', (err, origin) => {
    app.log.fatal({ err, origin }, 'uncaught exception; still serving');
  });
  process.on('unhandledRejection', (reason) => {
    app.log.error({ err: reason }, 'unhandled rejection; still serving');
  });
  await app.listen({ port: config.port, host: config.host });

  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal, deadlineMs: config.shutdownMs }, 'draining, then shutting down');
      // Whatever hangs, the process is gone by the deadline.
      setTimeout(() => {
        app.log.error('shutdown deadline passed: exiting now');
        process.exit(1);
      }, config.shutdownMs).unref();
      drainAndClose(app).then(
        () => process.exit(0),
        (err: unknown) => {
          app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
