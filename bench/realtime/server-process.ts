// Starts each server under test in its own process and reads its CPU time and memory through
// the stats preload, over the fork IPC channel.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerKind } from './clients.js';
import { must } from './must.js';

export interface ServerStats {
  /** User + system CPU time of the server process so far, µs. */
  cpuUs: number;
  rss: number;
  heapUsed: number;
  /** Path of the heap snapshot, when one was asked for. */
  heapSnapshot?: string;
}

export interface ServerHandle {
  kind: ServerKind;
  url: string;
  pid: number;
  stats(options?: { gc?: boolean; heapSnapshot?: string }): Promise<ServerStats>;
  /**
   * The process's CPU time so far (user + system, µs), read from /proc by this process: unlike
   * `stats()`, it does not wait behind the server's own backlog (10 ms resolution).
   */
  cpuUs(): number;
  /** SIGTERM and wait (the server's own shutdown; needed for --cpu-prof), or SIGKILL when `kill`. */
  stop(options?: { kill?: boolean }): Promise<void>;
}

export interface StartOptions {
  /** Roomlog's SQLite file. */
  sqlitePath?: string;
  /** Extra `node` flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** Run this TypeScript file (under tsx) instead of the kind's own server. */
  entry?: string;
  /** Extra environment for the server. */
  env?: Record<string, string>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const preload = path.join(here, 'servers', 'stats-preload.mjs');

function entryOf(kind: ServerKind): { file: string; flags: string[] } {
  if (kind === 'roomlog') {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@roomlog/server/package.json');
    return { file: path.join(path.dirname(pkg), 'dist', 'main.js'), flags: [] };
  }
  const file = path.join(
    here,
    'servers',
    kind === 'socketio' ? 'socketio-baseline.ts' : 'ws-baseline.ts',
  );
  return { file, flags: ['--import', import.meta.resolve('tsx')] };
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** User + system CPU time of process `pid` from /proc/<pid>/stat, µs. */
export function procCpuUs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not listen on ${port} within 30 s`);
}

export async function startServer(
  kind: ServerKind,
  options: StartOptions = {},
): Promise<ServerHandle> {
  const port = await freePort();
  const { file, flags } = options.entry
    ? { file: options.entry, flags: ['--import', import.meta.resolve('tsx')] }
    : entryOf(kind);
  const child = fork(file, [], {
    execArgv: [
      ...flags,
      '--expose-gc',
      '--no-deprecation',
      '--import',
      preload,
      ...(options.nodeFlags ?? []),
    ],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ROOMLOG_SQLITE_PATH: options.sqlitePath ?? path.join(here, 'unused.db'),
      // The limits stay on, set far above the offered load: every client comes from 127.0.0.1,
      // so the per-address budgets (connections, joins) would otherwise refuse the 51st client.
      ROOMLOG_SEND_RATE: '1000000',
      ROOMLOG_SEND_BURST: '1000000',
      ROOMLOG_CONNECTIONS_PER_IP: '1000000',
      ROOMLOG_JOINS_PER_MINUTE: '1000000',
      ROOMLOG_HISTORY_PER_MINUTE: '1000000',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await waitForPort(port, child);

  let nextId = 0;
  const pending = new Map<number, (stats: ServerStats) => void>();
  child.on('message', (raw) => {
    const msg = raw as {
      type: string;
      id: number;
      cpu: { user: number; system: number };
      mem: { rss: number; heapUsed: number };
      heapSnapshot?: string;
    };
    if (msg.type !== 'bench:stats') return;
    pending.get(msg.id)?.({
      cpuUs: msg.cpu.user + msg.cpu.system,
      rss: msg.mem.rss,
      heapUsed: msg.mem.heapUsed,
      ...(msg.heapSnapshot ? { heapSnapshot: msg.heapSnapshot } : {}),
    });
    pending.delete(msg.id);
  });

  return {
    kind,
    url: `http://127.0.0.1:${port}`,
    pid: must(child.pid),
    cpuUs: () => procCpuUs(must(child.pid)),
    stats: ({ gc = false, heapSnapshot } = {}) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        child.send({ type: 'bench:stats', id, gc, heapSnapshot });
      }),
    stop: ({ kill = false } = {}) =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => (clearTimeout(timer), resolve()));
        child.kill(kill ? 'SIGKILL' : 'SIGTERM');
      }),
  };
}
