import { describe, expect, it } from 'vitest';
import { LatencyHistogram, percentile } from './histogram.js';

describe('percentile', () => {
  it('takes the nearest rank without sorting its input in place', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(values, 0.5)).toBe(5);
    expect(percentile(values, 0.99)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(values[0]).toBe(5);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('LatencyHistogram', () => {
  it('reports quantiles within 1% of the exact values', () => {
    const h = new LatencyHistogram();
    const values = Array.from({ length: 10_000 }, (_, i) => 100 + i * 37);
    for (const v of values) h.record(v);
    for (const q of [0.5, 0.9, 0.99]) {
      const exact = percentile(values, q);
      expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThan(0.01);
    }
    expect(h.max).toBe(values.at(-1));
    expect(h.count).toBe(values.length);
  });

  it('merges histograms as they travel over IPC', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (let i = 1; i <= 99; i++) a.record(1000);
    b.record(500_000);
    const merged = LatencyHistogram.from(
      JSON.parse(JSON.stringify(a)) as ReturnType<typeof a.toJSON>,
    );
    merged.merge(b.toJSON());
    expect(merged.count).toBe(100);
    expect(merged.quantile(0.99)).toBeCloseTo(1000, -1);
    expect(merged.quantile(1)).toBe(500_000);
  });

  it('is empty-safe and counts sub-microsecond values as 1 µs', () => {
    const h = new LatencyHistogram();
    expect(h.quantile(0.5)).toBeNaN();
    h.record(0);
    expect(h.quantile(0.5)).toBe(1);
  });
});
