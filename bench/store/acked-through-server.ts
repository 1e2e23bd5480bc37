// Acknowledged `message:send`s per second through Roomlog's server on a store made by a named
// factory (store-server.ts), driven by the realtime benchmark's load-generator processes (raw
// protocol clients, realtime/clients.ts), so that the clients are not the limit: each client keeps
// a fixed number of sends open and sends the next as soon as one is acked (a closed loop).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneratorPool } from '../realtime/generator-pool.js';
import { startServer } from '../realtime/server-process.js';
import { must } from '../realtime/must.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const here = path.dirname(fileURLToPath(import.meta.url));

export interface AckedResult {
  rate: number;
  refused: number;
  serverCpuUsPerAck: number;
  clientCpuUsPerAck: number;
}

export interface AckedShape {
  rooms: number;
  clientsPerRoom: number;
  inFlight: number;
}

/** Starts a fresh server on `store`, joins the clients, runs the closed loop, stops the server. */
export async function ackedThroughServer(
  pool: GeneratorPool,
  store: string,
  shape: AckedShape,
  timing: { warmupMs: number; windowMs: number },
  env: Record<string, string> = {},
  nodeFlags: string[] = [],
): Promise<AckedResult> {
  const server = await startServer('roomlog', {
    entry: path.join(here, 'store-server.ts'),
    env: { ...env, BENCH_STORE: store },
    nodeFlags,
  });
  try {
    // Rooms spread over the generators; each room's clients are one group in one generator.
    const byGenerator = pool.generators.map(() => [] as string[]);
    for (let r = 0; r < shape.rooms; r++) {
      const group = `${server.url}#${r}`;
      const g = r % pool.generators.length;
      must(byGenerator[g]).push(group);
      await must(pool.generators[g]).request({
        cmd: 'connect',
        kind: 'roomlog',
        transport: 'websocket',
        url: server.url,
        room: `room-${r}`,
        names: Array<string>(shape.clientsPerRoom).fill('bench'),
        concurrency: 50,
        group,
      });
    }
    const running = pool.all<{ acked: number; refused: number; cpuUs: number }>((i) => ({
      cmd: 'acked',
      groups: must(byGenerator[i]),
      inFlight: shape.inFlight,
      warmupMs: timing.warmupMs,
      windowMs: timing.windowMs,
      textLength: 100,
    }));
    // The server's CPU over the window (the generators time it themselves; IPC skew ~1 ms).
    await sleep(timing.warmupMs);
    const cpuAt = server.cpuUs();
    const replies = await running;
    const serverCpu = server.cpuUs() - cpuAt;
    const acked = replies.reduce((sum, r) => sum + r.acked, 0);
    return {
      rate: (acked / timing.windowMs) * 1000,
      refused: replies.reduce((sum, r) => sum + r.refused, 0),
      serverCpuUsPerAck: serverCpu / Math.max(1, acked),
      clientCpuUsPerAck: replies.reduce((sum, r) => sum + r.cpuUs, 0) / Math.max(1, acked),
    };
  } finally {
    // SIGTERM: the server closes its store (a PostgreSQL store drops its schema).
    await server.stop();
    await pool.all(() => ({ cmd: 'close' }));
  }
}
