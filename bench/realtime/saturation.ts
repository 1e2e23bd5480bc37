// Where a server stops keeping up: the knee (the last offered load it fully carried) and the
// saturation point (the first load it fell behind on). Pure, so it is unit-tested.

/** One step of a load ramp. */
export interface LoadStep {
  /** Offered deliveries per second (messages/s × clients in the room). */
  offered: number;
  /** Delivered ÷ expected, 0..1. */
  deliveredRatio: number;
  /** p99 latency in milliseconds. */
  p99Ms: number;
}

/** The knee: at least 99% delivered with p99 ≤ 100 ms (issue 11). */
export const KNEE = { minDelivered: 0.99, maxP99Ms: 100 } as const;
/** Saturated: less than 95% delivered, or p99 above 1 s. */
export const SATURATED = { minDelivered: 0.95, maxP99Ms: 1000 } as const;

export function isSaturated(step: LoadStep): boolean {
  return step.deliveredRatio < SATURATED.minDelivered || step.p99Ms > SATURATED.maxP99Ms;
}

export function isWithinKnee(step: LoadStep): boolean {
  return step.deliveredRatio >= KNEE.minDelivered && step.p99Ms <= KNEE.maxP99Ms;
}

/** Whether the ramp should try the next, higher load after these steps. */
export function shouldContinue(steps: readonly LoadStep[]): boolean {
  const last = steps.at(-1);
  return last === undefined || !isSaturated(last);
}

/**
 * Summarises a ramp (steps in increasing offered load):
 * - `knee`: the highest offered load before the first step outside the knee, or null when even
 *   the first step was outside it;
 * - `saturation`: the first saturated offered load, or null when the ramp never saturated.
 */
export function summariseRamp(steps: readonly LoadStep[]): {
  knee: number | null;
  saturation: number | null;
} {
  let knee: number | null = null;
  for (const step of steps) {
    if (!isWithinKnee(step)) break;
    knee = step.offered;
  }
  const saturated = steps.find(isSaturated);
  return { knee, saturation: saturated?.offered ?? null };
}
