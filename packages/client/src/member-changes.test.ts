import { describe, expect, it } from 'vitest';
import { withMember, withMemberAway, withoutMember } from './member-changes.js';

describe('member changes', () => {
  it('adds a name once, in name order', () => {
    const members = withMember([{ name: 'Ada' }, { name: 'Zoë' }], 'Linus');
    expect(members).toEqual([{ name: 'Ada' }, { name: 'Linus' }, { name: 'Zoë' }]);
    expect(withMember(members, 'Linus')).toEqual(members);
    expect(withMember([], 'Ada')).toEqual([{ name: 'Ada' }]);
  });

  it('marks a name away, and clears the mark when the person joins again', () => {
    const members = [{ name: 'Ada' }, { name: 'Linus' }];
    const away = withMemberAway(members, 'Linus');
    expect(away).toEqual([{ name: 'Ada' }, { name: 'Linus', away: true }]);
    expect(withMemberAway(away, 'Linus')).toEqual(away);
    expect(withMemberAway([], 'Zoë')).toEqual([{ name: 'Zoë', away: true }]);
    expect(withMember(away, 'Linus')).toEqual(members);
    expect(withoutMember(away, 'Linus')).toEqual([{ name: 'Ada' }]);
  });

  it('removes a name, and ignores one that is not there', () => {
    const members = [{ name: 'Ada' }, { name: 'Linus' }];
    expect(withoutMember(members, 'Ada')).toEqual([{ name: 'Linus' }]);
    expect(withoutMember(members, 'Grace')).toEqual(members);
  });
});
