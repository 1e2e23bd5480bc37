// `pnpm cluster`: N Roomlog nodes on the local PostgreSQL and Redis, behind HAProxy.
// Prints the URL; Ctrl-C drains and stops them all.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHaproxy } from './haproxy.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const main = path.join(root, 'apps/server/dist/main.js');
const count = Number(process.env.ROOMLOG_NODES ?? 2);
const port = Number(process.env.PORT ?? 8080);
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/roomlog',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  // One secret for every node, so a session token (and the name it binds) is honoured by the
  // node a client fails over to.
  ROOMLOG_SESSION_SECRET: process.env.ROOMLOG_SESSION_SECRET ?? randomBytes(32).toString('hex'),
  // HAProxy's X-Forwarded-For names each client's address…
  ROOMLOG_TRUSTED_PROXIES: process.env.ROOMLOG_TRUSTED_PROXIES ?? '127.0.0.1',
  // …but on this machine every browser is 127.0.0.1 too: the per-address cap must allow them all.
  ROOMLOG_CONNECTIONS_PER_IP: process.env.ROOMLOG_CONNECTIONS_PER_IP ?? '10000',
  HOST: '127.0.0.1',
};

/** @returns {Promise<number>} */
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(free));
    });
  });

/** @type {{ id: string, port: number, child: import('node:child_process').ChildProcess }[]} */
const nodes = [];
for (let i = 1; i <= count; i++) {
  const id = `node-${i}`;
  const nodePort = await freePort();
  const child = spawn(process.execPath, [main], {
    env: { ...env, PORT: String(nodePort), NODE_ID: id },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const node = { id, port: nodePort, child };
  node.child.once('exit', (code, signal) => {
    if (!stopping) console.error(`${node.id} exited (${signal ?? code})`);
  });
  nodes.push(node);
}

let stopping = false;
/** @type {Awaited<ReturnType<typeof startHaproxy>> | undefined} */
let haproxy;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping: draining the nodes…');
  await Promise.all(
    nodes.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  await haproxy?.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

try {
  haproxy = await startHaproxy({ port, nodes, timeoutMs: 30_000 });
} catch (err) {
  console.error(String(err));
  await stop();
}
console.log(`\nRoomlog: ${nodes.length} nodes behind HAProxy on ${haproxy.url}`);
for (const node of nodes) console.log(`  ${node.id}: http://127.0.0.1:${node.port}`);
console.log('Ctrl-C stops them all.');
