import type { JoinStormResult } from './scenarios.js';

/** The round of median time, carrying every round's time (a storm is short: one round is noisy). */
export function medianStorm(rounds: readonly JoinStormResult[]): JoinStormResult {
  const sorted = [...rounds].sort((a, b) => a.ms - b.ms);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new Error('no storm rounds');
  return { ...median, roundsMs: rounds.map((r) => r.ms) };
}
