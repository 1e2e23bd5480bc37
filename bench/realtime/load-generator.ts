// A load-generator process (forked by generator-pool.ts): holds a share of the clients, sends at
// a fixed rate from a share of the senders, and measures the latency of every delivery from the
// sender's timestamp in the message (process.hrtime is one monotonic clock for all processes).
import { connect, type BenchConnection, type ServerKind, type Transport } from './clients.js';
import { LatencyHistogram } from './histogram.js';
import { must } from './must.js';

export type GeneratorCommand =
  | {
      cmd: 'connect';
      kind: ServerKind;
      transport: Transport;
      url: string;
      room: string;
      names: string[];
      concurrency: number;
      /** Clients are kept per group (one per server under test), so several servers can be loaded in turn. */
      group: string;
    }
  | {
      cmd: 'run';
      group: string;
      rate: number;
      senders: number;
      startUs: number;
      windowStartUs: number;
      windowEndUs: number;
      textLength: number;
    }
  | {
      /** Every client of these groups keeps `inFlight` sends open, each re-sent on its ack. */
      cmd: 'acked';
      groups: string[];
      inFlight: number;
      warmupMs: number;
      windowMs: number;
      textLength: number;
    }
  | { cmd: 'counters' }
  | { cmd: 'collect' }
  | { cmd: 'close' };

const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const groups = new Map<string, { room: string; clients: BenchConnection[] }>();
const joinedCount = () => [...groups.values()].reduce((sum, g) => sum + g.clients.length, 0);
let window = { start: 0, end: 0 };
let histogram = new LatencyHistogram();
let received = 0;
let presenceBytes = 0;
let joinReplyBytes = 0;
const sendErrors: Record<string, number> = {};
let cpuSince = process.cpuUsage();
// Bumped by `close`: connects still running for an abandoned `connect` stop and close their client.
let epoch = 0;

const handlers = {
  onDelivery(sentUs: number) {
    if (sentUs < window.start || sentUs >= window.end) return;
    received += 1;
    histogram.record(nowUs() - sentUs);
  },
  onPresenceBytes(bytes: number) {
    presenceBytes += bytes;
  },
  onSendError(code: string) {
    sendErrors[code] = (sendErrors[code] ?? 0) + 1;
  },
};

async function connectAll(c: Extract<GeneratorCommand, { cmd: 'connect' }>) {
  const group = groups.get(c.group) ?? { room: c.room, clients: [] };
  groups.set(c.group, group);
  const started = performance.now();
  let next = 0;
  const mine = epoch;
  const worker = async () => {
    while (next < c.names.length && epoch === mine) {
      const name = must(c.names[next++]);
      const client = await connect(c.kind, c.transport, c.url, name, handlers);
      // Not `joinReplyBytes += await …`: that reads the total before the await and loses updates.
      const bytes = await client.join(c.room);
      if (epoch !== mine) return client.close();
      joinReplyBytes += bytes;
      group.clients.push(client);
    }
  };
  await Promise.all(Array.from({ length: Math.min(c.concurrency, c.names.length) }, worker));
  return { ms: performance.now() - started };
}

function run(c: Extract<GeneratorCommand, { cmd: 'run' }>): Promise<{ sentInWindow: number }> {
  window = { start: c.windowStartUs, end: c.windowEndUs };
  const { room, clients } = groups.get(c.group) ?? { room: '', clients: [] };
  const senders = clients.slice(0, c.senders);
  let sent = 0;
  let sentInWindow = 0;
  let turn = 0;
  return new Promise((resolve) => {
    if (senders.length === 0 || c.rate <= 0) return resolve({ sentInWindow: 0 });
    const tick = () => {
      const now = nowUs();
      if (now >= c.windowEndUs) {
        clearInterval(timer);
        return resolve({ sentInWindow });
      }
      if (now < c.startUs) return;
      const due = Math.floor(((now - c.startUs) / 1e6) * c.rate) - sent;
      for (let i = 0; i < due; i++) {
        const at = nowUs();
        const text = `${at}:`.padEnd(c.textLength, 'x');
        must(senders[turn++ % senders.length]).send(room, text);
        sent += 1;
        if (at >= c.windowStartUs && at < c.windowEndUs) sentInWindow += 1;
      }
    };
    const timer = setInterval(tick, 2);
  });
}

/** Closed-loop acked sends: the acks (ok or refused) counted in the window, and this process's CPU. */
async function acked(c: Extract<GeneratorCommand, { cmd: 'acked' }>) {
  let [ok, refused, running] = [0, 0, true];
  const lane = (client: BenchConnection, room: string) => {
    const next = () => {
      if (!running) return;
      client.send(room, `${nowUs()}:`.padEnd(c.textLength, 'x'), (yes) => {
        if (yes) ok += 1;
        else refused += 1;
        next();
      });
    };
    next();
  };
  for (const name of c.groups) {
    const group = groups.get(name);
    for (const client of group?.clients ?? []) {
      for (let i = 0; i < c.inFlight; i++) lane(client, must(group).room);
    }
  }
  await sleep(c.warmupMs);
  const [okAt, refusedAt, cpu] = [ok, refused, process.cpuUsage()];
  await sleep(c.windowMs);
  const used = process.cpuUsage(cpu);
  running = false;
  return { acked: ok - okAt, refused: refused - refusedAt, cpuUs: used.user + used.system };
}

async function handle(c: GeneratorCommand): Promise<unknown> {
  switch (c.cmd) {
    case 'acked':
      return acked(c);
    case 'connect':
      return connectAll(c);
    case 'run':
      cpuSince = process.cpuUsage();
      return run(c);
    case 'counters':
      return { received, presenceBytes, joinReplyBytes, sendErrors, joined: joinedCount() };
    case 'collect': {
      const cpu = process.cpuUsage(cpuSince);
      cpuSince = process.cpuUsage();
      const result = {
        received,
        histogram: histogram.toJSON(),
        sendErrors: { ...sendErrors },
        cpuUs: cpu.user + cpu.system,
      };
      histogram = new LatencyHistogram();
      received = 0;
      // Close the window: deliveries still arriving for it (a saturated step) must not be counted
      // in the next step, whose own window opens with its `run`.
      window = { start: 0, end: 0 };
      for (const k of Object.keys(sendErrors)) delete sendErrors[k];
      return result;
    }
    case 'close':
      epoch += 1;
      for (const group of groups.values()) for (const client of group.clients) client.close();
      groups.clear();
      presenceBytes = 0;
      joinReplyBytes = 0;
      return {};
  }
}

process.on('message', (raw) => {
  const { id, command } = raw as { id: number; command: GeneratorCommand };
  const reply = (message: object) => {
    if (!process.send) throw new Error('the load generator runs as a forked child (IPC)');
    process.send(message);
  };
  handle(command).then(
    (result) => reply({ id, result }),
    (err: unknown) => reply({ id, error: String((err as Error)?.stack ?? err) }),
  );
});
