import { expect, it } from 'vitest';
import { simulate, type SimulationResult } from './simulation.js';

// `SIM_SEEDS=5000` runs more seeds (from SIM_FIRST_SEED, default 1); `SIM_SEED=1234` replays one.
const one = process.env.SIM_SEED;
const count = Number(process.env.SIM_SEEDS ?? 300);
const first = Number(process.env.SIM_FIRST_SEED ?? 1);
const seeds = one ? [Number(one)] : Array.from({ length: count }, (_, i) => first + i);

it(
  `keeps the delivery promise in ${seeds.length} simulated schedules`,
  { timeout: 600_000 },
  async () => {
    const started = performance.now();
    const failed: SimulationResult[] = [];
    let messages = 0;
    let acked = 0;
    for (const seed of seeds) {
      const result = await simulate(seed);
      messages += result.stats.messages;
      acked += result.stats.acked;
      if (result.problems.length > 0) failed.push(result);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `simulation: ${seeds.length} seeds (${seeds[0]}..${seeds.at(-1)}), ${messages} messages typed, ${acked} acks received, ${failed.length} failed; ${seconds} s`,
    );
    if (failed.length > 0) {
      const worst = failed[0]!;
      throw new Error(
        `the delivery promise broke in ${failed.length} of ${seeds.length} seeds: ${failed.map((f) => f.seed).join(', ')}\n` +
          `seed ${worst.seed} (replay: SIM_SEED=${worst.seed} pnpm --filter @roomlog/server exec vitest run test/sim):\n  ` +
          worst.problems.slice(0, 10).join('\n  ') +
          `\nits events:\n  ${worst.stats.events.join('\n  ')}`,
      );
    }
    expect(failed).toEqual([]);
  },
);

it('replays a seed exactly', async () => {
  const [a, b] = [await simulate(seeds[0]!), await simulate(seeds[0]!)];
  expect(b.stats).toEqual(a.stats);
  expect(b.fingerprint).toBe(a.fingerprint);
  expect(a.stats.events.length).toBeGreaterThan(0);
});
