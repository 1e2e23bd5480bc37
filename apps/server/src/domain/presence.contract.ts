import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Presence } from './presence.js';

/** What a contract factory hands the suite: two views of one empty presence space. */
export interface PresenceFixture {
  /** One node's presence. */
  a: Presence;
  /** Another node sharing the same space; the same object as `a` where there is only one node. */
  b: Presence;
  cleanup: () => Promise<void>;
}

/** The one suite every {@link Presence} must pass. */
export function registerPresenceContract(
  name: string,
  factory: () => Promise<PresenceFixture>,
): void {
  describe(`Presence contract: ${name}`, () => {
    let fx: PresenceFixture;
    let a: Presence;
    let b: Presence;
    beforeEach(async () => {
      fx = await factory();
      ({ a, b } = fx);
    });
    afterEach(async () => {
      await fx.cleanup();
    });

    it('starts empty', async () => {
      expect(await a.members('lobby')).toEqual([]);
      expect(await a.counts()).toEqual(new Map());
    });

    it('add reports a change only when a new person appears', async () => {
      expect(await a.add('lobby', 'c1', 'Ada')).toBe(true);
      // The same connection joining again changes nothing.
      expect(await a.add('lobby', 'c1', 'Ada')).toBe(false);
      // A second tab of the same person, here or on another node, is not a new member.
      expect(await a.add('lobby', 'c2', 'Ada')).toBe(false);
      expect(await b.add('lobby', 'c3', 'Ada')).toBe(false);
      expect(await b.add('lobby', 'c4', 'Linus')).toBe(true);
      expect(await a.members('lobby')).toEqual(['Ada', 'Linus']);
      expect(await b.members('lobby')).toEqual(['Ada', 'Linus']);
    });

    it('counts a person with tabs on two nodes once, until their last tab leaves', async () => {
      await a.add('lobby', 'c1', 'Ada');
      await b.add('lobby', 'c2', 'Ada');
      expect((await a.counts()).get('lobby')).toBe(1);
      expect((await b.counts()).get('lobby')).toBe(1);
      expect(await a.remove('lobby', 'c1')).toBe(false);
      expect(await b.members('lobby')).toEqual(['Ada']);
      expect(await b.remove('lobby', 'c2')).toBe(true);
      expect(await a.members('lobby')).toEqual([]);
      expect(await a.counts()).toEqual(new Map());
    });

    it('remove reports false for an unknown room or connection', async () => {
      await a.add('lobby', 'c1', 'Ada');
      expect(await a.remove('elsewhere', 'c1')).toBe(false);
      expect(await a.remove('lobby', 'c9')).toBe(false);
      expect(await a.remove('lobby', 'c1')).toBe(true);
      expect(await a.remove('lobby', 'c1')).toBe(false);
    });

    it('lists members sorted by name', async () => {
      const people = ['Zoë', 'bob', 'Ada', 'émile', 'Linus'];
      for (const [i, person] of people.entries()) {
        await (i % 2 ? a : b).add('lobby', `c${i}`, person);
      }
      expect(await a.members('lobby')).toEqual(['Ada', 'bob', 'émile', 'Linus', 'Zoë']);
    });

    it('keeps rooms apart', async () => {
      await a.add('a', 'c1', 'Ada');
      await b.add('b', 'c2', 'Linus');
      expect(await b.members('a')).toEqual(['Ada']);
      expect(await a.members('b')).toEqual(['Linus']);
      expect(await b.remove('b', 'c1')).toBe(false);
      expect(await a.members('a')).toEqual(['Ada']);
    });

    it('removeConnection leaves every room and returns those its name left', async () => {
      await a.add('a', 'c1', 'Ada');
      await a.add('b', 'c1', 'Ada');
      await b.add('b', 'c2', 'Ada'); // Ada stays in b through her other tab
      await a.add('c', 'c1', 'Ada');
      await b.add('c', 'c3', 'Linus');
      await b.add('d', 'c3', 'Linus');

      expect((await a.removeConnection('c1')).sort()).toEqual(['a', 'c']);
      expect(await a.members('a')).toEqual([]);
      expect(await a.members('b')).toEqual(['Ada']);
      expect(await a.members('c')).toEqual(['Linus']);
      expect(await a.removeConnection('c1')).toEqual([]);
      expect(await a.removeConnection('unknown')).toEqual([]);
    });

    it('counts distinct members of every room that has any, and forgets empty rooms', async () => {
      await a.add('a', 'c1', 'Ada');
      await b.add('a', 'c2', 'Ada');
      await a.add('a', 'c3', 'Linus');
      await b.add('b', 'c4', 'Grace');
      expect(await a.counts()).toEqual(
        new Map([
          ['a', 2],
          ['b', 1],
        ]),
      );
      await b.remove('b', 'c4');
      await a.removeConnection('c3');
      expect(await b.counts()).toEqual(new Map([['a', 1]]));
    });

    it('concurrent joins of one name from many connections announce it once', async () => {
      const added = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).add('busy', `c${i}`, 'Ada')),
      );
      expect(added.filter(Boolean)).toHaveLength(1);
      const left = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).remove('busy', `c${i}`)),
      );
      expect(left.filter(Boolean)).toHaveLength(1);
      expect(await a.counts()).toEqual(new Map());
    });
  });
}
