import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { must } from './must.js';

/** A built Roomlog server running as a child process. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly dbPath: string;
  /** Stops the process (SIGTERM by default) and waits for it to exit; a no-op when stopped. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the process and removes the temp dir it was given (if it made one). */
  dispose(): Promise<void>;
  /**
   * Stops the process if it runs (SIGKILL by default; SIGTERM is a graceful stop, as a deploy
   * does), then starts it again on the same port and db file.
   */
  restart(signal?: NodeJS.Signals): Promise<void>;
  /** The process's recent stdout/stderr, for failure reports. */
  output(): string;
}

export interface StartServerOptions {
  /** Reuse this SQLite file; by default a fresh one in a new temp dir (removed by `dispose`). */
  dbPath?: string;
  /** More settings for the server (e.g. a short `ROOMLOG_PRESENCE_GRACE_MS`). */
  env?: Readonly<Record<string, string>>;
}

const READY_TIMEOUT_MS = 15_000;
const EXIT_TIMEOUT_MS = 5_000;
const OUTPUT_LINES = 200;

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** The built server's entry point, found through the workspace dependency. */
export function serverEntry(): string {
  return path.join(packageDir('@roomlog/server'), 'dist', 'main.js');
}

/** The web app's adapter-static output, which the server serves. */
export function webIndex(): string {
  return path.join(packageDir('@roomlog/web'), 'build', 'index.html');
}

/** Asks the OS for a free loopback port (listen on 0, read it, close). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Starts `node <server>/dist/main.js` and resolves once `GET /healthz` answers 200. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const entry = serverEntry();
  // Without these every test would time out on a blank page: say what is missing instead.
  for (const file of [entry, webIndex()]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm build\` first`);
  }

  const ownDir = options.dbPath ? null : await mkdtemp(path.join(tmpdir(), 'roomlog-e2e-'));
  const dbPath = options.dbPath ?? path.join(must(ownDir), 'roomlog.db');
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const lines: string[] = [];
  let child: ChildProcess | null = null;

  const record = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) lines.push(line);
    }
    if (lines.length > OUTPUT_LINES) lines.splice(0, lines.length - OUTPUT_LINES);
  };

  const launch = async () => {
    // A port freed by a SIGKILLed process can be refused for a moment: retry a few times.
    for (let attempt = 1; ; attempt++) {
      const proc = spawn(process.execPath, [entry], {
        env: {
          ...inheritedEnv(),
          PORT: String(port),
          HOST: '127.0.0.1',
          ROOMLOG_SQLITE_PATH: dbPath,
          LOG_LEVEL: 'warn',
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc.stdout?.on('data', record);
      proc.stderr?.on('data', record);
      child = proc;
      try {
        await waitUntilHealthy(url, proc);
        return;
      } catch (error) {
        await kill(proc, 'SIGKILL');
        if (attempt >= 3) {
          throw new Error(
            `${(error as Error).message}\n--- server output ---\n${lines.join('\n')}`,
            { cause: error },
          );
        }
        await delay(200 * attempt);
      }
    }
  };

  try {
    await launch();
  } catch (error) {
    if (ownDir) await rm(ownDir, { recursive: true, force: true });
    throw error;
  }

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child) await kill(child, signal);
    child = null;
  };

  return {
    url,
    port,
    dbPath,
    stop,
    async dispose() {
      await stop();
      if (ownDir) await rm(ownDir, { recursive: true, force: true });
    },
    async restart(signal: NodeJS.Signals = 'SIGKILL') {
      await stop(signal);
      await launch();
    },
    output: () => lines.join('\n'),
  };
}

function isRunning(proc: ChildProcess): boolean {
  return proc.exitCode === null && proc.signalCode === null;
}

/** Sends `signal` and waits for the exit; escalates to SIGKILL after a grace period. */
async function kill(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (!isRunning(proc)) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill(signal);
  const timer = setTimeout(() => proc.kill('SIGKILL'), EXIT_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

async function waitUntilHealthy(url: string, proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isRunning(proc)) {
      throw new Error(`server exited early (code ${proc.exitCode}, signal ${proc.signalCode})`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await delay(50);
  }
  throw new Error(`${url}/healthz did not answer 200 within ${READY_TIMEOUT_MS} ms`);
}

// The parent's environment minus any ROOMLOG_* setting (a memory store, another web root…):
// the server under test is configured by what is set here only.
function inheritedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('ROOMLOG_')),
  );
}
