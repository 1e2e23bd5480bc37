import { describe, expect, it } from 'vitest';
import { isNearBottom, scrollAfterUpdate, shouldLoadOlder, type LogSnapshot } from './scroll';

const metrics = (scrollTop: number, scrollHeight = 2000, clientHeight = 500) => ({
  scrollTop,
  scrollHeight,
  clientHeight,
});

describe('isNearBottom', () => {
  it('is true within the edge of the bottom', () => {
    expect(isNearBottom(metrics(1500))).toBe(true);
    expect(isNearBottom(metrics(1430))).toBe(true);
    expect(isNearBottom(metrics(1000))).toBe(false);
  });

  it('is true when everything fits', () => {
    expect(isNearBottom(metrics(0, 300, 500))).toBe(true);
  });
});

describe('shouldLoadOlder', () => {
  it('loads near the top when there is more and nothing is loading', () => {
    expect(shouldLoadOlder(metrics(10), { hasOlder: true, loading: false })).toBe(true);
    expect(shouldLoadOlder(metrics(10), { hasOlder: false, loading: false })).toBe(false);
    expect(shouldLoadOlder(metrics(10), { hasOlder: true, loading: true })).toBe(false);
    expect(shouldLoadOlder(metrics(400), { hasOlder: true, loading: false })).toBe(false);
  });
});

describe('scrollAfterUpdate', () => {
  const before = (over: Partial<LogSnapshot> = {}): LogSnapshot => ({
    firstSeq: 51,
    count: 50,
    pending: 0,
    lastMarker: null,
    metrics: metrics(1500),
    ...over,
  });

  it('goes to the bottom when the log first fills', () => {
    const action = scrollAfterUpdate(before({ firstSeq: null, count: 0 }), {
      firstSeq: 51,
      count: 50,
      pending: 0,
      lastMarker: null,
      scrollHeight: 2000,
    });
    expect(action).toEqual({ kind: 'bottom' });
  });

  it('keeps the reader in place when older messages are put in above', () => {
    const action = scrollAfterUpdate(before({ metrics: metrics(20) }), {
      firstSeq: 1,
      count: 100,
      pending: 0,
      lastMarker: null,
      scrollHeight: 3800,
    });
    expect(action).toEqual({ kind: 'restore', scrollTop: 1820 });
  });

  it('follows new messages only when the reader was near the bottom', () => {
    const next = { firstSeq: 51, count: 51, pending: 0, lastMarker: null, scrollHeight: 2040 };
    expect(scrollAfterUpdate(before(), next)).toEqual({ kind: 'bottom' });
    expect(scrollAfterUpdate(before({ metrics: metrics(300) }), next)).toEqual({ kind: 'none' });
  });

  it("always shows the reader's own new message", () => {
    const action = scrollAfterUpdate(before({ metrics: metrics(300) }), {
      firstSeq: 51,
      count: 51,
      pending: 1,
      lastMarker: null,
      scrollHeight: 2040,
    });
    expect(action).toEqual({ kind: 'bottom' });
  });

  it('opens at a new resume marker instead of following the catch-up to the bottom', () => {
    const next = { firstSeq: 51, count: 80, pending: 0, lastMarker: 100, scrollHeight: 3200 };
    expect(scrollAfterUpdate(before(), next)).toEqual({ kind: 'marker', afterSeq: 100 });
    expect(scrollAfterUpdate(before({ count: 0, firstSeq: null }), next)).toEqual({
      kind: 'marker',
      afterSeq: 100,
    });
    // Once shown, the same marker does not pull the reader back.
    expect(
      scrollAfterUpdate(before({ lastMarker: 100, metrics: metrics(300) }), { ...next, count: 81 }),
    ).toEqual({
      kind: 'none',
    });
  });
});
