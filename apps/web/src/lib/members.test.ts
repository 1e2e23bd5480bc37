import { describe, expect, it } from 'vitest';
import { collapseNames, uniqueNames } from './members';

describe('uniqueNames', () => {
  it('lists each name once, sorted', () => {
    expect(uniqueNames([{ name: 'bo' }, { name: 'Ada' }, { name: 'bo' }])).toEqual(['Ada', 'bo']);
    expect(uniqueNames([])).toEqual([]);
  });
});

describe('collapseNames', () => {
  it('shows everyone when they fit', () => {
    expect(collapseNames(['Ada', 'bo', 'cy'], 'bo', 4)).toEqual({
      shown: ['bo', 'Ada', 'cy'],
      more: 0,
    });
    expect(collapseNames(['a', 'b', 'c', 'd'], 'x', 4)).toEqual({
      shown: ['a', 'b', 'c', 'd'],
      more: 0,
    });
  });

  it('puts us first and counts the rest as "+N more"', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'me', 'f'];
    expect(collapseNames(names, 'me', 4)).toEqual({ shown: ['me', 'a', 'b'], more: 4 });
  });
});
