import { describe, expect, it } from 'vitest';
import { createGroupCommit, type ItemOutcome } from './group-commit.js';

// The queue alone, with a commit function that records its batches (the SQLite behaviour is
// tested in sqlite-group-commit.test.ts and the contract suite).
describe('createGroupCommit', () => {
  const recorder = (fail?: (item: number) => boolean) => {
    const batches: number[][] = [];
    const commit = (items: readonly number[]): ItemOutcome<number>[] => {
      batches.push([...items]);
      return items.map((n) =>
        fail?.(n) ? { ok: false, error: new Error(`no ${n}`) } : { ok: true, value: n * 10 },
      );
    };
    return { batches, commit };
  };

  it('commits what is submitted in one tick as one batch, in order, and nothing before the tick ends', async () => {
    const { batches, commit } = recorder();
    const group = createGroupCommit(commit, 100);
    const results = [1, 2, 3].map((n) => group.submit(n));
    expect(batches).toEqual([]);
    expect(await Promise.all(results)).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(await group.submit(4)).toBe(40);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('splits a queue longer than maxBatch over several commits, first in first out', async () => {
    const { batches, commit } = recorder();
    const group = createGroupCommit(commit, 2);
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => group.submit(n)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('rejects only the items whose outcome failed', async () => {
    const { commit } = recorder((n) => n === 2);
    const group = createGroupCommit(commit, 10);
    const settled = await Promise.allSettled([1, 2, 3].map((n) => group.submit(n)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('rejects the whole batch when the commit throws, and goes on afterwards', async () => {
    let broken = true;
    const group = createGroupCommit((items: readonly number[]): ItemOutcome<number>[] => {
      if (broken) throw new Error('commit failed');
      return items.map((n) => ({ ok: true, value: n }));
    }, 10);
    const settled = await Promise.allSettled([1, 2].map((n) => group.submit(n)));
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    broken = false;
    expect(await group.submit(3)).toBe(3);
  });

  it('flush() commits the queue at once, synchronously', async () => {
    const { batches, commit } = recorder();
    const group = createGroupCommit(commit, 2);
    const results = [1, 2, 3].map((n) => group.submit(n));
    group.flush();
    expect(batches).toEqual([[1, 2], [3]]);
    expect(await Promise.all(results)).toEqual([10, 20, 30]);
  });
});
