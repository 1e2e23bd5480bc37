// The measurements, each against one running server with a pool of load generators.
import type { Transport } from './clients.js';
import type { GeneratorPool } from './generator-pool.js';
import { LatencyHistogram, type HistogramData } from './histogram.js';
import type { ServerHandle } from './server-process.js';
import { must } from './must.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Splits `total` into `parts` near-equal integers. */
export function split(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => Math.floor((total + i) / parts)).reverse();
}

/** Connects and joins `names.length` clients, spread over the generators; returns the wall time. */
export async function connectClients(
  pool: GeneratorPool,
  server: ServerHandle,
  options: { names: string[]; room: string; transport: Transport; concurrency?: number },
): Promise<number> {
  const shares = split(options.names.length, pool.generators.length);
  let offset = 0;
  const slices = shares.map((n) => options.names.slice(offset, (offset += n)));
  const started = performance.now();
  await pool.all((i) => ({
    cmd: 'connect',
    kind: server.kind,
    transport: options.transport,
    url: server.url,
    room: options.room,
    names: must(slices[i]),
    concurrency: options.concurrency ?? 50,
    group: server.url,
  }));
  return performance.now() - started;
}

export interface MemoryResult {
  clients: number;
  rssPerClient: number;
  heapPerClient: number;
}

/** Memory per idle joined client: the server's RSS and heap after a full GC, before and after. */
export async function measureIdleMemory(
  pool: GeneratorPool,
  server: ServerHandle,
  options: { clients: number; transport: Transport; room: string },
): Promise<MemoryResult> {
  const before = await server.stats({ gc: true });
  // One shared name: the member list stays one entry, so joining is not the quadratic storm.
  const names = Array.from({ length: options.clients }, () => 'idle');
  await connectClients(pool, server, { names, room: options.room, transport: options.transport });
  await sleep(1000);
  const after = await server.stats({ gc: true });
  await pool.all(() => ({ cmd: 'close' }));
  return {
    clients: options.clients,
    rssPerClient: (after.rss - before.rss) / options.clients,
    heapPerClient: (after.heapUsed - before.heapUsed) / options.clients,
  };
}

export interface JoinStormResult {
  clients: number;
  /** Wall time until every client had joined, or the deadline when `joined < clients`. */
  ms: number;
  /** How many had joined when it finished or the deadline passed. */
  joined: number;
  /** Bytes of member lists received by all clients: join replies + presence broadcasts. */
  memberBytes: number;
  /** The server's CPU time (all its threads) from the first connect to the last join, ms. */
  serverCpuMs: number;
  /** With several rounds: each round's `ms`, in the order run (this result is their median). */
  roundsMs?: number[];
}

/** C clients with distinct names connect and join one room at once, for at most `deadlineMs`. */
export async function joinStorm(
  pool: GeneratorPool,
  server: ServerHandle,
  options: { clients: number; room: string; deadlineMs: number },
): Promise<JoinStormResult> {
  const names = Array.from({ length: options.clients }, (_, i) => `member-${i}`);
  const connecting = connectClients(pool, server, {
    names,
    room: options.room,
    transport: 'websocket',
  }).then(
    (ms) => ms,
    () => null, // abandoned at the deadline: the server is killed under it
  );
  const cpuBefore = server.cpuUs();
  const ms = await Promise.race([connecting, sleep(options.deadlineMs).then(() => null)]);
  const serverCpuMs = (server.cpuUs() - cpuBefore) / 1000;
  // Presence broadcasts still in flight after the last join ack: wait until the count settles.
  type Counters = { presenceBytes: number; joinReplyBytes: number; joined: number };
  let last = -1;
  let joined = 0;
  for (let i = 0; i < 20; i++) {
    const counters = await pool.all<Counters>(() => ({ cmd: 'counters' }));
    const total = counters.reduce((sum, c) => sum + c.presenceBytes + c.joinReplyBytes, 0);
    joined = counters.reduce((sum, c) => sum + c.joined, 0);
    if (total === last || ms === null) {
      last = total;
      break;
    }
    last = total;
    await sleep(300);
  }
  return {
    clients: options.clients,
    ms: ms ?? options.deadlineMs,
    joined,
    memberBytes: last,
    serverCpuMs,
  };
}

export interface LoadResult {
  clients: number;
  /** Offered deliveries/s as asked. */
  nominal: number;
  /** Offered deliveries/s as actually sent (messages sent in the window × clients ÷ window). */
  offered: number;
  delivered: number;
  deliveredRatio: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  cpuUsPerDelivery: number;
  /** Server CPU time ÷ wall time from the window's start to the end of the drain (1 = one core). */
  serverBusy: number;
  /** Load generators' CPU time ÷ wall time since the previous step, all generators together. */
  generatorBusy: number;
  sendErrors: Record<string, number>;
}

/**
 * With `clients` already joined: `senders` of them send at `offered / clients` messages/s in
 * total for warm-up + window; deliveries of messages sent in the window are counted and timed.
 */
export async function measureLoad(
  pool: GeneratorPool,
  server: ServerHandle,
  options: {
    clients: number;
    senders: number;
    offered: number;
    warmupMs: number;
    windowMs: number;
    maxDrainMs: number;
  },
): Promise<LoadResult> {
  const { clients, offered, windowMs } = options;
  const perGenerator = split(options.senders, pool.generators.length);
  const rate = offered / clients;
  const runStart = performance.now();
  const startUs = nowUs() + 100_000;
  const windowStartUs = startUs + options.warmupMs * 1000;
  const windowEndUs = windowStartUs + windowMs * 1000;
  const running = pool.all<{ sentInWindow: number }>((i) => ({
    cmd: 'run',
    group: server.url,
    rate: (rate * must(perGenerator[i])) / options.senders,
    senders: must(perGenerator[i]),
    startUs,
    windowStartUs,
    windowEndUs,
    textLength: 100,
  }));
  await sleep((windowStartUs - nowUs()) / 1000);
  const [cpuStart, wallStart] = [server.cpuUs(), performance.now()];
  const sent = (await running).reduce((sum, r) => sum + r.sentInWindow, 0);
  const expected = sent * clients;
  const drainUntil = Date.now() + options.maxDrainMs;
  for (;;) {
    const counters = await pool.all<{ received: number }>(() => ({ cmd: 'counters' }));
    if (counters.reduce((s, c) => s + c.received, 0) >= expected || Date.now() > drainUntil) break;
    await sleep(50);
  }
  const [cpuEnd, wallEnd] = [server.cpuUs(), performance.now()];
  const collected = await pool.all<{
    received: number;
    histogram: HistogramData;
    sendErrors: Record<string, number>;
    cpuUs: number;
  }>(() => ({ cmd: 'collect' }));
  const histogram = new LatencyHistogram();
  const sendErrors: Record<string, number> = {};
  let received = 0;
  for (const c of collected) {
    histogram.merge(c.histogram);
    received += c.received;
    for (const [code, n] of Object.entries(c.sendErrors))
      sendErrors[code] = (sendErrors[code] ?? 0) + n;
  }
  return {
    clients,
    nominal: offered,
    offered: (expected / windowMs) * 1000,
    delivered: (received / windowMs) * 1000,
    deliveredRatio: expected === 0 ? 0 : received / expected,
    p50Ms: histogram.quantile(0.5) / 1000,
    p99Ms: histogram.quantile(0.99) / 1000,
    maxMs: histogram.max / 1000,
    cpuUsPerDelivery: received === 0 ? Number.NaN : (cpuEnd - cpuStart) / received,
    serverBusy: (cpuEnd - cpuStart) / ((wallEnd - wallStart) * 1000),
    generatorBusy: collected.reduce((sum, c) => sum + c.cpuUs, 0) / ((wallEnd - runStart) * 1000),
    sendErrors,
  };
}
