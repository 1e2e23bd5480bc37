import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NameRegistry } from './name-registry.js';

/** The grace every contract fixture is made with: short, so expiry is seen in real time. */
export const CONTRACT_GRACE_MS = 300;

/** What a contract factory hands the suite: two views of one empty name space. */
export interface NameRegistryFixture {
  /** One node's registry. */
  a: NameRegistry;
  /** Another node sharing the same names; the same object as `a` where there is only one node. */
  b: NameRegistry;
  cleanup: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The one suite every {@link NameRegistry} must pass (grace: {@link CONTRACT_GRACE_MS}). */
export function registerNameRegistryContract(
  name: string,
  factory: () => Promise<NameRegistryFixture>,
): void {
  describe(`NameRegistry contract: ${name}`, () => {
    let fx: NameRegistryFixture;
    let a: NameRegistry;
    let b: NameRegistry;
    beforeEach(async () => {
      fx = await factory();
      ({ a, b } = fx);
    });
    afterEach(async () => {
      await fx.cleanup();
    });

    it('gives a name to one session at a time, across its connections and nodes', async () => {
      expect(await a.claim('ada', 's1', 'c1')).toBe(true);
      expect(await a.claim('ada', 's1', 'c2')).toBe(true); // a second tab
      expect(await b.claim('ada', 's1', 'c3')).toBe(true); // a third, on another node
      expect(await b.claim('ada', 's2', 'c4')).toBe(false);
      expect(await a.claim('ada', 's2', 'c5')).toBe(false);
      expect(await b.claim('grace', 's2', 'c4')).toBe(true); // other names are free
    });

    it('keeps a released name for its session during the grace period only', async () => {
      await a.claim('ada', 's1', 'c1');
      await a.release('ada', 's1', 'c1');
      expect(await b.claim('ada', 's2', 'c2')).toBe(false);
      // The same person, back in time on the other node.
      expect(await b.claim('ada', 's1', 'c3')).toBe(true);
      await b.release('ada', 's1', 'c3');
      expect(await a.claim('ada', 's2', 'c4')).toBe(false);
      await sleep(CONTRACT_GRACE_MS * 2);
      expect(await a.claim('ada', 's2', 'c4')).toBe(true);
      expect(await b.claim('ada', 's1', 'c5')).toBe(false);
    });

    it('is held while any connection of the session is open, on any node', async () => {
      await a.claim('ada', 's1', 'c1');
      await b.claim('ada', 's1', 'c2');
      await a.release('ada', 's1', 'c1');
      await sleep(CONTRACT_GRACE_MS * 3);
      expect(await a.claim('ada', 's2', 'c3')).toBe(false);
      expect(await b.claim('ada', 's2', 'c3')).toBe(false);
    });

    it('ignores a release by a session or connection that holds nothing', async () => {
      await a.claim('ada', 's1', 'c1');
      await b.release('ada', 's2', 'c1');
      await a.release('ada', 's1', 'c9');
      await sleep(CONTRACT_GRACE_MS * 2);
      expect(await b.claim('ada', 's2', 'c2')).toBe(false);
      // A refused claim holds nothing: its release does not start a grace for anyone.
      await b.release('ada', 's2', 'c2');
      expect(await a.claim('ada', 's1', 'c3')).toBe(true);
    });

    it('gives a contested name to exactly one of many sessions claiming at once', async () => {
      const won = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claim('ada', `s${i}`, `c${i}`)),
      );
      expect(won.filter(Boolean)).toHaveLength(1);
    });
  });
}
