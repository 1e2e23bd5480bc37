import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { startHaproxy } from '@roomlog/deploy/haproxy';
import { findFreePort, serverEntry } from './server.js';

// The local PostgreSQL (trust auth) and Redis the multi-node set-up runs on.
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** One Roomlog node of a {@link RunningCluster}. */
export interface ClusterNode {
  readonly id: string;
  readonly port: number;
  /** SIGKILLs the node (no goodbye) and waits for it to exit. */
  kill(): Promise<void>;
}

/** Two nodes on a fresh PostgreSQL schema and Redis prefix, behind HAProxy. */
export interface RunningCluster {
  /** HAProxy's URL: what the browser opens. */
  readonly url: string;
  readonly nodes: readonly ClusterNode[];
  output(): string;
  dispose(): Promise<void>;
}

// psql rather than a driver: the schema is the only thing the tests do to PostgreSQL themselves.
function psql(sql: string): void {
  const result = spawnSync('psql', [DATABASE_URL, '-v', 'ON_ERROR_STOP=1', '-qc', sql], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
}

export async function startCluster(options: { sticky?: boolean } = {}): Promise<RunningCluster> {
  const tag = randomUUID().replaceAll('-', '').slice(0, 12);
  const schema = `roomlog_e2e_${tag}`;
  psql(`CREATE SCHEMA ${schema}`);
  const url = new URL(DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const lines: string[] = [];
  const children: ChildProcess[] = [];

  const nodes: ClusterNode[] = [];
  for (const id of ['node-a', 'node-b']) {
    const port = await findFreePort();
    const child = spawn(process.execPath, [serverEntry()], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: url.toString(),
        REDIS_URL,
        ROOMLOG_REDIS_PREFIX: `e2e:${tag}`,
        NODE_ID: id,
        // One secret for both nodes: a session (and its name) is valid on either.
        ROOMLOG_SESSION_SECRET: 'e2e-cluster-session-secret-of-32-characters',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => lines.push(`${id}: ${String(chunk).trim()}`));
    child.stderr?.on('data', (chunk: Buffer) => lines.push(`${id}: ${String(chunk).trim()}`));
    children.push(child);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    nodes.push({
      id,
      port,
      async kill() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
      },
    });
  }
  const haproxy = await startHaproxy({
    port: await findFreePort(),
    nodes: nodes.map(({ id, port }) => ({ id, port })),
    sticky: options.sticky ?? true,
    timeoutMs: 20_000,
  });
  // Both nodes in rotation before any page opens (HAProxy answered through at least one).
  for (const node of nodes) {
    for (
      let i = 0;
      !(await fetch(`http://127.0.0.1:${node.port}/readyz`).catch(() => null))?.ok;
      i++
    ) {
      if (i > 100) throw new Error(`${node.id} never became ready:\n${lines.join('\n')}`);
      await delay(100);
    }
  }
  await delay(1000); // HAProxy's checks (every 500 ms) see both up

  return {
    url: haproxy.url,
    nodes,
    output: () => [...lines, haproxy.output()].join('\n'),
    async dispose() {
      for (const node of nodes) await node.kill();
      await haproxy.stop();
      psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      const keys = spawnSync('redis-cli', ['-u', REDIS_URL, '--scan', '--pattern', `e2e:${tag}*`], {
        encoding: 'utf8',
      })
        .stdout.split('\n')
        .filter(Boolean);
      if (keys.length > 0) spawnSync('redis-cli', ['-u', REDIS_URL, 'DEL', ...keys]);
    },
  };
}
