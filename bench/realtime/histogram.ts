import { must } from './must.js';
// A latency histogram with ~1% relative precision: log-spaced buckets, so the load generators
// can merge their histograms cheaply instead of shipping every sample to the orchestrator.

const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);

/** A mergeable latency histogram over microseconds. Values below 1 µs count as 1 µs. */
export class LatencyHistogram {
  /** bucket index → count; bucket i holds values in [GROWTH^i, GROWTH^(i+1)). */
  readonly buckets = new Map<number, number>();
  count = 0;
  max = 0;

  record(micros: number): void {
    const value = Math.max(1, micros);
    const index = Math.floor(Math.log(value) / LOG_GROWTH);
    this.buckets.set(index, (this.buckets.get(index) ?? 0) + 1);
    this.count += 1;
    if (value > this.max) this.max = value;
  }

  merge(other: HistogramData): void {
    for (const [index, n] of other.buckets)
      this.buckets.set(index, (this.buckets.get(index) ?? 0) + n);
    this.count += other.count;
    this.max = Math.max(this.max, other.max);
  }

  /**
   * The value at quantile `q` (0..1): the smallest bucket whose cumulative count reaches
   * `ceil(q * count)`, reported at the bucket's midpoint (never above the recorded max). NaN when empty.
   */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    if (rank >= this.count) return this.max; // the top is known exactly
    let seen = 0;
    for (const index of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += must(this.buckets.get(index));
      if (seen >= rank) return Math.min(this.max, GROWTH ** (index + 0.5));
    }
    return this.max;
  }

  toJSON(): HistogramData {
    return { buckets: [...this.buckets], count: this.count, max: this.max };
  }

  static from(data: HistogramData): LatencyHistogram {
    const h = new LatencyHistogram();
    h.merge(data);
    return h;
  }
}

/** A histogram as it travels over IPC. */
export interface HistogramData {
  buckets: [number, number][];
  count: number;
  max: number;
}

/** The nearest-rank percentile of `values` (q in 0..1); NaN when empty. Does not modify `values`. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return must(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]);
}
