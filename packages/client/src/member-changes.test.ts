import { describe, expect, it } from 'vitest';
import { membersOfJoin, withMembers, withMembersAway, withoutMembers } from './member-changes.js';

describe('member changes', () => {
  it("reads a join's names, marking those listed away", () => {
    expect(membersOfJoin({ members: ['Ada', 'Linus', 'Zoë'], away: ['Zoë', 'Linus'] })).toEqual([
      { name: 'Ada' },
      { name: 'Linus', away: true },
      { name: 'Zoë', away: true },
    ]);
    expect(membersOfJoin({ members: ['Ada'], away: [] })).toEqual([{ name: 'Ada' }]);
    // A name away but not a member is not listed: only `members` are.
    expect(membersOfJoin({ members: ['Ada'], away: ['Bea'] })).toEqual([{ name: 'Ada' }]);
  });

  it('adds names once, in name order', () => {
    const members = withMembers([{ name: 'Ada' }, { name: 'Zoë' }], ['Linus']);
    expect(members).toEqual([{ name: 'Ada' }, { name: 'Linus' }, { name: 'Zoë' }]);
    expect(withMembers(members, ['Linus'])).toEqual(members);
    expect(withMembers([], ['Ada'])).toEqual([{ name: 'Ada' }]);
    expect(withMembers(members, ['Bea', 'Ada', 'Bea'])).toEqual([
      { name: 'Ada' },
      { name: 'Bea' },
      { name: 'Linus' },
      { name: 'Zoë' },
    ]);
  });

  it('marks names away, and clears the mark when the person joins again', () => {
    const members = [{ name: 'Ada' }, { name: 'Linus' }];
    const away = withMembersAway(members, ['Linus']);
    expect(away).toEqual([{ name: 'Ada' }, { name: 'Linus', away: true }]);
    expect(withMembersAway(away, ['Linus'])).toEqual(away);
    expect(withMembersAway([], ['Zoë'])).toEqual([{ name: 'Zoë', away: true }]);
    expect(withMembers(away, ['Linus'])).toEqual(members);
    expect(withoutMembers(away, ['Linus'])).toEqual([{ name: 'Ada' }]);
    expect(withMembersAway(members, ['Ada', 'Linus'])).toEqual([
      { name: 'Ada', away: true },
      { name: 'Linus', away: true },
    ]);
  });

  it('removes names, and ignores those that are not there', () => {
    const members = [{ name: 'Ada' }, { name: 'Linus' }];
    expect(withoutMembers(members, ['Ada'])).toEqual([{ name: 'Linus' }]);
    expect(withoutMembers(members, ['Grace'])).toEqual(members);
    expect(withoutMembers(members, ['Linus', 'Ada'])).toEqual([]);
  });
});
