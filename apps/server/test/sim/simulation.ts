import { createMemoryStore } from '../../src/index.js';
import { checkDeliveryPromise, liveViewsHoldWhatTheyHeard, settled } from './check.js';
import { checkMemberLists } from './presence-witness.js';
import { Random } from './random.js';
import { Scheduler } from './scheduler.js';
import { SimServer } from './sim-server.js';
import { Browser, type Ledger } from './workload.js';
import { must } from '../support/must.js';

/** How long the workload runs (virtual ms), and how long the healed system gets to settle. */
const WORKLOAD_MS = 20_000;
const SETTLE_MS = 300_000;
const NAMES = ['ann', 'bob', 'cy', 'dee', 'eve'];

export interface SimulationResult {
  seed: number;
  /** Broken promises; empty when the seed passed. */
  problems: string[];
  stats: { messages: number; acked: number; lostAcks: number; events: string[] };
  /** Everything the run ended with (logs, views, virtual time), to show that a seed replays. */
  fingerprint: string;
}

/**
 * One seeded run: engines in several browsers against the simulated server while the network
 * delays, reorders, drops connections and loses acks, the server stops gracefully or crashes and
 * restarts, and the store answers late or fails; then the faults stop, the system settles, and
 * the delivery promise and the member lists are checked (member announcements are checked as
 * they are made, see presence-witness.ts). The same seed gives the same run.
 */
export async function simulate(seed: number): Promise<SimulationResult> {
  const random = new Random(seed);
  const scheduler = new Scheduler();
  const store = createMemoryStore();
  const faults = {
    network: { maxDelayMs: random.int(1, 100), lostAck: random.pick([0, 0.05, 0.2]) },
    store: { maxLatencyMs: random.pick([0, 20, 150]), failure: random.pick([0, 0, 0.03]) },
  };
  const graceMs = random.pick([0, 1000, 5000]);
  const server = new SimServer(scheduler, random, store, faults, graceMs);
  server.start();
  const ledger: Ledger = { typed: new Map(), acked: new Set() };
  const rooms = ['r0', 'r1', 'r2'].slice(0, random.int(1, 3));
  const browsers = Array.from({ length: random.int(2, 4) }, (_, b) => {
    const names = [random.pick(NAMES), random.pick(NAMES)];
    return new Browser(`b${b}`, names, { server, scheduler, random, ledger, rooms });
  });
  const events: string[] = [];
  let invariant: string | null = null;
  scheduler.afterEach = () => {
    if (invariant) return;
    const broken = liveViewsHoldWhatTheyHeard(browsers);
    if (broken) invariant = `at ${scheduler.now}ms: ${broken}`;
  };
  const at = (label: string, fn: () => void) => {
    scheduler.after(random.int(0, WORKLOAD_MS), () => {
      events.push(`${scheduler.now}ms ${label}`);
      fn();
    });
  };

  for (const browser of browsers) {
    const joined = rooms.filter(() => random.chance(0.7));
    at(`${browser.label} opens`, () => browser.open(must(browser.names[0]), joined));
  }
  const messages = random.int(5, 60);
  for (let n = 1; n <= messages; n++) {
    const browser = random.pick(browsers);
    const room = random.pick(rooms);
    at(`${browser.label} sends m${n} to ${room}`, () => browser.send(room, `m${n}`));
  }
  for (let i = random.int(0, 3); i > 0; i--) {
    const browser = random.pick(browsers);
    at(`${browser.label} reloads`, () => browser.session && browser.reopen(browser.session.name));
  }
  for (let i = random.int(0, 3); i > 0; i--) {
    const browser = random.pick(browsers);
    const name = random.pick(browser.names);
    at(`${browser.label} switches to ${name}`, () => browser.session && browser.reopen(name));
  }
  for (let i = random.int(0, 3); i > 0; i--) {
    const browser = random.pick(browsers);
    const room = random.pick(rooms);
    at(`${browser.label} joins ${room}`, () => browser.join(room));
  }
  for (let i = random.int(0, 2); i > 0; i--) {
    const browser = random.pick(browsers);
    const room = random.pick(rooms);
    at(`${browser.label} leaves ${room}`, () => browser.leave(room));
  }
  for (let i = random.int(0, 6); i > 0; i--) at('a connection drops', () => server.dropRandom());
  for (let i = random.int(0, 2); i > 0; i--) {
    const crash = random.chance(0.5);
    const downtime = random.int(0, 3000);
    at(crash ? 'server crashes' : 'server stops (SIGTERM)', () => {
      if (!server.up) return;
      if (crash) server.crash();
      else server.stop();
      scheduler.after(downtime, () => !server.up && server.start());
    });
  }

  await scheduler.run(WORKLOAD_MS);
  // Heal: no more faults, the server up, and time for everything to settle.
  faults.network.lostAck = 0;
  faults.store.failure = 0;
  await scheduler.run(WORKLOAD_MS + 5000);
  if (!server.up) server.start();
  for (const browser of browsers) if (!browser.session) browser.open(must(browser.names[0]), []);
  const deadline = scheduler.now + SETTLE_MS;
  const settle = async () => {
    while (scheduler.now < deadline && !(await settled(browsers, store))) {
      await scheduler.run(scheduler.now + 1000);
    }
  };
  await settle();
  // Every grace started before the system settled runs out; member events arrive.
  await scheduler.run(scheduler.now + graceMs + 2 * faults.network.maxDelayMs + 1000);
  await settle();
  const problems = await checkDeliveryPromise(browsers, store, ledger);
  problems.push(...server.witness.problems, ...(await checkMemberLists(browsers, server)));
  if (invariant) problems.unshift(invariant);
  const fingerprint = JSON.stringify({
    now: scheduler.now,
    logs: await Promise.all(rooms.map((room) => store.page(room, { after: 0, limit: 1e6 }))),
    views: browsers.map((b) =>
      [...(b.session?.joined ?? [])].map((r) => b.session?.client.getRoom(r)),
    ),
    acked: [...ledger.acked],
    members: browsers.map((b) =>
      [...(b.session?.joined ?? [])].map((r) => b.session?.client.getRoom(r)?.members),
    ),
  });
  for (const browser of browsers) browser.close();
  return {
    seed,
    problems,
    stats: {
      messages: ledger.typed.size,
      acked: ledger.acked.size,
      lostAcks: server.lostAcks,
      events,
    },
    fingerprint,
  };
}
