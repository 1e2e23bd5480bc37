import { describe, expect, it } from 'vitest';
import { awayNames, collapseNames, uniqueNames } from './members';

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

describe('awayNames', () => {
  it('lists the members marked away (reconnecting), and no one else', () => {
    const away = awayNames([
      { name: 'Ada' },
      { name: 'Bob', away: true },
      { name: 'Cy', away: false },
    ]);
    expect([...away]).toEqual(['Bob']);
    expect(awayNames([]).size).toBe(0);
  });
});
