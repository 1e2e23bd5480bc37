// The amplification attack of issue 8 against the BUILT server (dist/main.js) in a child process,
// so that a crash or an out-of-memory death is observed rather than suffered. Not a test: run it
// by hand to measure the server's memory peak (before/after figures in the issue note):
//   pnpm --filter @roomlog/server exec tsx test/hostile/amplification-probe.ts [polling|websocket]
import fs from 'node:fs';
import path from 'node:path';
import { MESSAGE_TEXT_MAX } from '@roomlog/protocol';
import { createSqliteStore, openSqliteDatabase } from '../../src/storage/index.js';
import { tempDir } from '../support/harness.js';
import { connectPolling, connectWebSocket, eventPacket, SEPARATOR } from '../support/raw-engine.js';
import { freePort, ServerProcess } from '../support/server-process.js';

const transport = process.argv[2] === 'websocket' ? 'websocket' : 'polling';
const REQUESTS = 400;
const HEAP_MB = 1024; // keeps a failing server from taking the shared machine down with it

function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function main() {
  const dbPath = path.join(tempDir(), 'probe.db');
  const store = createSqliteStore(openSqliteDatabase(dbPath));
  // 200 maximal messages: 4000 characters outside the BMP (16 kB of UTF-8 each).
  const text = '😀'.repeat(MESSAGE_TEXT_MAX);
  for (let i = 0; i < 200; i++) {
    await store.append({
      room: 'big',
      id: crypto.randomUUID(),
      author: 'seed',
      text,
      at: new Date().toISOString(),
    });
  }
  await store.close();

  const server = new ServerProcess(await freePort(), dbPath, {
    NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`,
    LOG_LEVEL: 'warn',
  });
  await server.start();
  const pid = server.pid;
  const baseline = rssMb(pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 25);

  const packets = Array.from({ length: REQUESTS }, (_, i) =>
    eventPacket(i, 'room:history', { room: 'big', limit: 200 }),
  );
  const started = Date.now();
  let outcome: string;
  if (transport === 'polling') {
    const session = await connectPolling(server.url, 'attacker');
    const status = await session.post(packets.join(SEPARATOR));
    const get = await session
      .get()
      .catch((err: unknown) => ({ status: -1, packets: [String(err)] }));
    outcome = `POST ${status}, GET ${get.status} with ${get.packets.length} packets`;
  } else {
    const ws = await connectWebSocket(server.url, 'attacker');
    // Stop reading: the kernel buffers fill, then the server's own queue grows.
    // ws keeps its net.Socket private (_socket); pausing it is how a client stops reading.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    for (const p of packets) ws.send(p);
    await new Promise((r) => setTimeout(r, 8000));
    outcome = `WebSocket readyState ${ws.readyState}`;
    ws.terminate();
  }
  await new Promise((r) => setTimeout(r, 2000));
  clearInterval(sampler);
  const alive = server.alive;
  const healthy = await fetch(`${server.url}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
  console.log(
    JSON.stringify({
      transport,
      requests: REQUESTS,
      requestBytes: packets.join(SEPARATOR).length,
      outcome,
      seconds: (Date.now() - started) / 1000,
      baselineRssMb: Math.round(baseline),
      peakRssMb: Math.round(peak),
      alive,
      healthy,
    }),
  );
  await server.kill('SIGTERM');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
