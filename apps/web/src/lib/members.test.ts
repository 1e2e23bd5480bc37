import { describe, expect, it } from 'vitest';
import { uniqueNames } from './members';

describe('uniqueNames', () => {
  it('lists each name once, sorted', () => {
    expect(uniqueNames([{ name: 'bo' }, { name: 'Ada' }, { name: 'bo' }])).toEqual(['Ada', 'bo']);
    expect(uniqueNames([])).toEqual([]);
  });
});
