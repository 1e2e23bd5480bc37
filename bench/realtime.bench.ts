// The realtime benchmark (issue 11): Roomlog as built against a plain Socket.IO 4.8 broadcast
// server and a raw `ws` broadcast server, in one run, each in its own process, driven by the
// same load generators in their own processes. Prints the report; `--write` also saves it to
// results/realtime.md (+ .json) and the p99 chart to ../docs/benchmarks-p99.svg.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServerKind } from './realtime/clients.js';
import { captureBroadcastFrame } from './realtime/frame-capture.js';
import { fieldCosts } from './realtime/frame-fields.js';
import { startGenerators } from './realtime/generator-pool.js';
import { renderReport, renderChart, type RealtimeResults } from './realtime/report.js';
import { shouldContinue, summariseRamp } from './realtime/saturation.js';
import {
  connectClients,
  joinStorm,
  measureIdleMemory,
  measureLoad,
  type LoadResult,
} from './realtime/scenarios.js';
import { startServer, type ServerHandle } from './realtime/server-process.js';
import { medianStorm } from './realtime/storm-rounds.js';
import { loadSettings, type RealtimePart } from './realtime/settings.js';
import { must } from './realtime/must.js';

const settings = loadSettings(process.env);
const KINDS: ServerKind[] = ['roomlog', 'socketio', 'ws'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roomlog-realtime-'));
let databases = 0;
const log = (line: string) => console.error(`[realtime] ${line}`);

const pool = startGenerators(settings.generators);
const part = (name: RealtimePart) => settings.parts.includes(name);

/** Starts a fresh server, runs `body`, and kills the server whatever happens. */
async function withServer<T>(
  kind: ServerKind,
  body: (server: ServerHandle) => Promise<T>,
): Promise<T> {
  const server = await startServer(kind, {
    sqlitePath: path.join(dir, `roomlog-${++databases}.db`),
  });
  try {
    return await body(server);
  } finally {
    // SIGKILL: a graceful close would first announce every departure to every remaining member.
    await server.stop({ kill: true });
    await pool.all(() => ({ cmd: 'close' }));
  }
}

/** Starts one fresh server of each kind, each with `clients` joined to room `load`. */
async function withServers<T>(
  kinds: ServerKind[],
  clients: number,
  body: (servers: ServerHandle[]) => Promise<T>,
): Promise<T> {
  const servers: ServerHandle[] = [];
  try {
    for (const kind of kinds) {
      const server = await startServer(kind, {
        sqlitePath: path.join(dir, `roomlog-${++databases}.db`),
      });
      servers.push(server);
      const names = Array<string>(clients).fill('load');
      await connectClients(pool, server, { names, room: 'load', transport: 'websocket' });
    }
    return await body(servers);
  } finally {
    await Promise.all(servers.map((s) => s.stop({ kill: true })));
    await pool.all(() => ({ cmd: 'close' }));
  }
}

/**
 * `rounds` rounds in which each of `kinds` takes its turn on a freshly started server, so the
 * servers compare over adjacent seconds of the machine: every round's result, per server.
 */
async function freshServerRounds<T>(
  kinds: readonly ServerKind[],
  rounds: number,
  body: (server: ServerHandle) => Promise<T>,
  describeRound: (result: T) => string,
): Promise<Partial<Record<ServerKind, T[]>>> {
  const results: Partial<Record<ServerKind, T[]>> = {};
  for (let round = 0; round < rounds; round++) {
    for (const kind of kinds) {
      const r = await withServer(kind, body);
      log(`${kind}: ${describeRound(r)}, round ${round + 1}`);
      (results[kind] ??= []).push(r);
    }
  }
  return results;
}

/** Each figure's median over several rounds (send errors summed). */
function medianRun(runs: LoadResult[]): LoadResult {
  const median = (pick: (r: LoadResult) => number) =>
    must(runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)]);
  const sendErrors: Record<string, number> = {};
  for (const r of runs) {
    for (const [code, n] of Object.entries(r.sendErrors))
      sendErrors[code] = (sendErrors[code] ?? 0) + n;
  }
  return {
    clients: must(runs[0]).clients,
    nominal: must(runs[0]).nominal,
    offered: median((r) => r.offered),
    delivered: median((r) => r.delivered),
    deliveredRatio: median((r) => r.deliveredRatio),
    p50Ms: median((r) => r.p50Ms),
    p99Ms: median((r) => r.p99Ms),
    maxMs: median((r) => r.maxMs),
    cpuUsPerDelivery: median((r) => r.cpuUsPerDelivery),
    serverBusy: median((r) => r.serverBusy),
    generatorBusy: median((r) => r.generatorBusy),
    sendErrors,
  };
}

const load = (
  server: ServerHandle,
  clients: number,
  offered: number,
  windowMs = settings.windowMs,
) =>
  measureLoad(pool, server, {
    clients,
    senders: settings.senders,
    offered,
    warmupMs: settings.warmupMs,
    windowMs,
    maxDrainMs: settings.maxDrainMs,
  });

const describe = (r: LoadResult) =>
  `offered ${r.offered.toFixed(0)}/s delivered ${(r.deliveredRatio * 100).toFixed(1)}% p99 ${r.p99Ms.toFixed(1)} ms cpu ${r.cpuUsPerDelivery.toFixed(2)} µs`;

/**
 * One uncounted load before the counted ones: a fresh server offered a few dozen messages a second
 * is still compiling its send path during the first window (Roomlog's p99 at the ramp's first,
 * cold step was 70–112 ms, then ~50 ms).
 */
async function warmUp(s: ServerHandle, clients: number, offered: number, what: string) {
  log(`${s.kind}: ${what} warm-up (not counted) ${describe(await load(s, clients, offered))}`);
}

const results: RealtimeResults = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${os.release()}, Node ${process.version}`,
  loadAverage: must(os.loadavg()[0]),
  settings,
  memory: {},
  pollingMemory: {},
  joinStorm: {},
  fixed: {},
  ramp: {},
  polling: {},
  frames: {},
};

try {
  for (const kind of part('frames') ? KINDS : []) {
    log(`${kind}: broadcast frame`);
    const frame = await withServer(kind, (s) => captureBroadcastFrame(kind, s.url));
    results.frames[kind] = { frame, bytes: Buffer.byteLength(frame), costs: fieldCosts(frame) };
  }
  for (const kind of part('memory') ? KINDS : []) {
    log(`${kind}: memory, ${settings.idleClients} idle WebSocket clients`);
    results.memory[kind] = await withServer(kind, (s) =>
      measureIdleMemory(pool, s, {
        clients: settings.idleClients,
        transport: 'websocket',
        room: 'idle',
      }),
    );
  }
  for (const kind of part('memory') ? (['roomlog', 'socketio'] as const) : []) {
    log(`${kind}: memory, ${settings.idlePollingClients} idle polling clients`);
    results.pollingMemory[kind] = await withServer(kind, (s) =>
      measureIdleMemory(pool, s, {
        clients: settings.idlePollingClients,
        transport: 'polling',
        room: 'idle',
      }),
    );
  }
  // Each size in rounds, the three servers taking turns (each on a fresh server): the median round.
  for (const clients of part('storm') ? settings.joinStorm : []) {
    const rounds = await freshServerRounds(
      KINDS,
      settings.stormRounds,
      (s) =>
        joinStorm(pool, s, { clients, room: 'storm', deadlineMs: settings.joinStormDeadlineMs }),
      (r) => `join storm of ${clients}: ${r.ms.toFixed(0)} ms`,
    );
    for (const kind of KINDS)
      (results.joinStorm[kind] ??= []).push(medianStorm(must(rounds[kind])));
  }
  // Load runs: the three servers run side by side (idle ones cost nothing) and take turns, so
  // each comparison is between adjacent seconds of the same shared machine.
  for (const { clients, offered } of part('fixed') ? settings.fixed : []) {
    const rounds = await withServers(KINDS, clients, async (servers) => {
      const runs: Partial<Record<ServerKind, LoadResult[]>> = {};
      for (const s of servers) await warmUp(s, clients, offered, `C=${clients}`);
      for (let round = 0; round < settings.rounds; round++) {
        for (const s of servers) {
          const r = await load(s, clients, offered);
          log(`${s.kind}: C=${clients} round ${round + 1} ${describe(r)}`);
          (runs[s.kind] ??= []).push(r);
        }
      }
      return runs;
    });
    for (const kind of KINDS) (results.fixed[kind] ??= []).push(medianRun(must(rounds[kind])));
  }
  await withServers(part('ramp') ? KINDS : [], settings.ramp.clients, async (servers) => {
    // At its second step: the first offers a few messages a second.
    for (const s of servers) {
      await warmUp(s, settings.ramp.clients, must(settings.ramp.offered[1]), 'ramp');
    }
    const steps = new Map<ServerKind, LoadResult[]>(KINDS.map((k) => [k, []]));
    for (const level of settings.ramp.offered) {
      for (const s of servers) {
        const done = must(steps.get(s.kind));
        if (!shouldContinue(done)) continue;
        const r = await load(s, settings.ramp.clients, level);
        log(`${s.kind}: ramp C=${settings.ramp.clients} ${describe(r)}`);
        done.push(r);
      }
    }
    for (const [kind, done] of steps) results.ramp[kind] = { steps: done, ...summariseRamp(done) };
  });
  // Long-polling in rounds too, the two servers taking turns (its p99 is the noisiest figure): medians.
  if (part('polling')) {
    const { clients, offered, windowMs } = settings.polling;
    const rounds = await freshServerRounds(
      ['roomlog', 'socketio'],
      settings.rounds,
      async (s) => {
        await connectClients(pool, s, {
          names: Array<string>(clients).fill('load'),
          room: 'load',
          transport: 'polling',
        });
        await warmUp(s, clients, offered, 'polling');
        return load(s, clients, offered, windowMs);
      },
      (r) => `polling C=${clients} ${describe(r)}`,
    );
    for (const [kind, runs] of Object.entries(rounds)) {
      results.polling[kind as ServerKind] = medianRun(runs);
    }
  }
} finally {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

const report = renderReport(results);
console.log(report);
if (process.argv.includes('--write')) {
  fs.mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  fs.writeFileSync(new URL('./results/realtime.md', import.meta.url), report);
  fs.writeFileSync(
    new URL('./results/realtime.json', import.meta.url),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  fs.writeFileSync(new URL('../docs/benchmarks-p99.svg', import.meta.url), renderChart(results));
}
