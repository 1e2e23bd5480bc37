import { expect, it } from 'vitest';
import { simulate, type SimulationResult } from './simulation.js';
import { must } from '../support/must.js';

// `SIM_SEEDS=5000` runs more seeds (from SIM_FIRST_SEED, default 1); `SIM_SEED=1234` replays one.
const one = process.env.SIM_SEED;
const count = Number(process.env.SIM_SEEDS ?? 300);
const first = Number(process.env.SIM_FIRST_SEED ?? 1);
const seeds = one ? [Number(one)] : Array.from({ length: count }, (_, i) => first + i);

// How often each kind of fault was scheduled (one that finds the server already down does nothing).
const FAULT_KINDS = {
  crashes: 'server crashes',
  'graceful stops': 'server stops',
  'dropped connections': 'a connection drops',
  reloads: 'reloads',
  'name switches': 'switches to',
};

function summary(results: SimulationResult[], seconds: string): string {
  const total = (pick: (r: SimulationResult) => number) => results.reduce((n, r) => n + pick(r), 0);
  const faults = Object.entries(FAULT_KINDS).map(([kind, text]) => {
    const n = total((r) => r.stats.events.filter((e) => e.includes(text)).length);
    return `${n} ${kind}`;
  });
  return (
    `simulation: ${results.length} seeds (${seeds[0]}..${seeds.at(-1)}), ` +
    `${total((r) => r.stats.messages)} messages typed, ${total((r) => r.stats.acked)} acks received, ` +
    `${total((r) => r.stats.lostAcks)} acks lost; scheduled: ${faults.join(', ')}; ` +
    `${results.filter((r) => r.problems.length > 0).length} failed; ${seconds} s`
  );
}

it(
  `keeps the delivery promise and true member lists in ${seeds.length} simulated schedules`,
  { timeout: 600_000 },
  async () => {
    const started = performance.now();
    const results: SimulationResult[] = [];
    for (const seed of seeds) results.push(await simulate(seed));
    console.log(summary(results, ((performance.now() - started) / 1000).toFixed(1)));
    const failed = results.filter((r) => r.problems.length > 0);
    if (failed.length > 0) {
      const worst = must(failed[0]);
      throw new Error(
        `a promise broke in ${failed.length} of ${seeds.length} seeds: ${failed.map((f) => f.seed).join(', ')}\n` +
          `seed ${worst.seed} (replay: SIM_SEED=${worst.seed} pnpm --filter @roomlog/server exec vitest run test/sim):\n  ` +
          worst.problems.slice(0, 10).join('\n  ') +
          `\nits events:\n  ${worst.stats.events.join('\n  ')}`,
      );
    }
    expect(failed).toEqual([]);
  },
);

it('replays a seed exactly', async () => {
  const [a, b] = [await simulate(must(seeds[0])), await simulate(must(seeds[0]))];
  expect(b.stats).toEqual(a.stats);
  expect(b.fingerprint).toBe(a.fingerprint);
  expect(a.stats.events.length).toBeGreaterThan(0);
});
