import { describe, expect, it } from 'vitest';
import { shouldContinue, summariseRamp, type LoadStep } from './saturation.js';

const step = (offered: number, deliveredRatio: number, p99Ms: number): LoadStep => ({
  offered,
  deliveredRatio,
  p99Ms,
});

describe('the saturation search', () => {
  it('raises the load until delivery falls below 95% or p99 passes 1 s', () => {
    expect(shouldContinue([])).toBe(true);
    expect(shouldContinue([step(10, 1, 900)])).toBe(true);
    expect(shouldContinue([step(10, 1, 1001)])).toBe(false);
    expect(shouldContinue([step(10, 0.949, 5)])).toBe(false);
  });

  it('puts the knee at the last step with ≥ 99% delivered and p99 ≤ 100 ms', () => {
    const ramp = [step(10, 1, 5), step(20, 0.995, 90), step(30, 1, 150), step(40, 0.9, 2000)];
    expect(summariseRamp(ramp)).toEqual({ knee: 20, saturation: 40 });
  });

  it('does not count a step after the first miss as within the knee', () => {
    const ramp = [step(10, 1, 5), step(20, 0.98, 20), step(30, 1, 10)];
    expect(summariseRamp(ramp)).toEqual({ knee: 10, saturation: null });
  });

  it('reports no knee when even the first step misses it', () => {
    expect(summariseRamp([step(10, 0.5, 5)])).toEqual({ knee: null, saturation: 10 });
  });
});
