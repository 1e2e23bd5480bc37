import { describe, expect, it } from 'vitest';
import { createPresence } from './presence.js';

describe('createPresence', () => {
  it('starts empty', () => {
    const presence = createPresence();
    expect(presence.members('lobby')).toEqual([]);
    expect(presence.counts()).toEqual(new Map());
  });

  it('add reports a change only when a new person appears', () => {
    const presence = createPresence();
    expect(presence.add('lobby', 'c1', 'Ada')).toBe(true);
    // The same connection joining again changes nothing.
    expect(presence.add('lobby', 'c1', 'Ada')).toBe(false);
    // A second tab of the same person is not a new member.
    expect(presence.add('lobby', 'c2', 'Ada')).toBe(false);
    expect(presence.add('lobby', 'c3', 'Linus')).toBe(true);
    expect(presence.members('lobby')).toEqual([{ name: 'Ada' }, { name: 'Linus' }]);
  });

  it('counts one person with two connections as one member', () => {
    const presence = createPresence();
    presence.add('lobby', 'c1', 'Ada');
    presence.add('lobby', 'c2', 'Ada');
    expect(presence.members('lobby')).toEqual([{ name: 'Ada' }]);
    expect(presence.counts().get('lobby')).toBe(1);
  });

  it('keeps a person present until their last connection leaves', () => {
    const presence = createPresence();
    presence.add('lobby', 'c1', 'Ada');
    presence.add('lobby', 'c2', 'Ada');
    expect(presence.remove('lobby', 'c1')).toBe(false);
    expect(presence.members('lobby')).toEqual([{ name: 'Ada' }]);
    expect(presence.remove('lobby', 'c2')).toBe(true);
    expect(presence.members('lobby')).toEqual([]);
  });

  it('remove reports false for an unknown room or connection', () => {
    const presence = createPresence();
    presence.add('lobby', 'c1', 'Ada');
    expect(presence.remove('elsewhere', 'c1')).toBe(false);
    expect(presence.remove('lobby', 'c9')).toBe(false);
    expect(presence.remove('lobby', 'c1')).toBe(true);
    expect(presence.remove('lobby', 'c1')).toBe(false);
  });

  it('lists members sorted by name', () => {
    const presence = createPresence();
    ['Zoë', 'bob', 'Ada', 'émile', 'Linus'].forEach((name, i) =>
      presence.add('lobby', `c${i}`, name),
    );
    expect(presence.members('lobby').map((m) => m.name)).toEqual([
      'Ada',
      'bob',
      'émile',
      'Linus',
      'Zoë',
    ]);
  });

  it('keeps rooms apart', () => {
    const presence = createPresence();
    presence.add('a', 'c1', 'Ada');
    presence.add('b', 'c2', 'Linus');
    expect(presence.members('a')).toEqual([{ name: 'Ada' }]);
    expect(presence.members('b')).toEqual([{ name: 'Linus' }]);
    expect(presence.remove('b', 'c1')).toBe(false);
    expect(presence.members('a')).toEqual([{ name: 'Ada' }]);
  });

  it('removeConnection leaves every room and returns those whose member list changed', () => {
    const presence = createPresence();
    presence.add('a', 'c1', 'Ada');
    presence.add('b', 'c1', 'Ada');
    presence.add('b', 'c2', 'Ada'); // Ada stays in b through her other tab
    presence.add('c', 'c1', 'Ada');
    presence.add('c', 'c3', 'Linus');
    presence.add('d', 'c3', 'Linus');

    expect(presence.removeConnection('c1').sort()).toEqual(['a', 'c']);
    expect(presence.members('a')).toEqual([]);
    expect(presence.members('b')).toEqual([{ name: 'Ada' }]);
    expect(presence.members('c')).toEqual([{ name: 'Linus' }]);
    expect(presence.removeConnection('c1')).toEqual([]);
    expect(presence.removeConnection('unknown')).toEqual([]);
  });

  it('counts distinct members of every room that has any, and forgets empty rooms', () => {
    const presence = createPresence();
    presence.add('a', 'c1', 'Ada');
    presence.add('a', 'c2', 'Ada');
    presence.add('a', 'c3', 'Linus');
    presence.add('b', 'c4', 'Grace');
    expect(presence.counts()).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    );
    presence.remove('b', 'c4');
    presence.removeConnection('c3');
    expect(presence.counts()).toEqual(new Map([['a', 1]]));
  });
});
