import { describe, expect, it } from 'vitest';
import { withMember, withoutMember } from './member-changes.js';

describe('member changes', () => {
  it('adds a name once, in name order', () => {
    const members = withMember([{ name: 'Ada' }, { name: 'Zoë' }], 'Linus');
    expect(members).toEqual([{ name: 'Ada' }, { name: 'Linus' }, { name: 'Zoë' }]);
    expect(withMember(members, 'Linus')).toEqual(members);
    expect(withMember([], 'Ada')).toEqual([{ name: 'Ada' }]);
  });

  it('removes a name, and ignores one that is not there', () => {
    const members = [{ name: 'Ada' }, { name: 'Linus' }];
    expect(withoutMember(members, 'Ada')).toEqual([{ name: 'Linus' }]);
    expect(withoutMember(members, 'Grace')).toEqual(members);
  });
});
