// The orchestrator's side of the load generators: forks them and sends them commands.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneratorCommand } from './load-generator.js';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-generator.ts');

export interface Generator {
  request<T>(command: GeneratorCommand): Promise<T>;
}

export interface GeneratorPool {
  generators: Generator[];
  /** Sends each generator its own command (index → command) and waits for every reply. */
  all<T>(command: (index: number) => GeneratorCommand): Promise<T[]>;
  close(): Promise<void>;
}

function start(): { child: ChildProcess; generator: Generator } {
  const child = fork(file, [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (raw) => {
    const msg = raw as { id: number; result?: unknown; error?: string };
    const waiter = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) waiter?.reject(new Error(msg.error));
    else waiter?.resolve(msg.result);
  });
  child.on('exit', (code) => {
    for (const w of pending.values()) w.reject(new Error(`load generator exited with ${code}`));
    pending.clear();
  });
  return {
    child,
    generator: {
      request: <T>(command: GeneratorCommand) =>
        new Promise<T>((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
          child.send({ id, command });
        }),
    },
  };
}

export function startGenerators(count: number): GeneratorPool {
  const started = Array.from({ length: count }, start);
  const generators = started.map((s) => s.generator);
  return {
    generators,
    all: <T>(command: (index: number) => GeneratorCommand) =>
      Promise.all(generators.map((g, i) => g.request<T>(command(i)))),
    close: async () => {
      await Promise.all(
        started.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
