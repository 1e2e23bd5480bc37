import { describe, expect, it } from 'vitest';
import { createNameRegistry } from './name-registry.js';

describe('name registry', () => {
  it('gives a name to one session at a time, across its connections', () => {
    const names = createNameRegistry({ graceMs: 1000, now: () => 0 });
    expect(names.claim('ada', 's1', 'c1')).toBe(true);
    expect(names.claim('ada', 's1', 'c2')).toBe(true); // a second tab
    expect(names.claim('ada', 's2', 'c3')).toBe(false);
  });

  it('keeps a released name for its session during the grace period only', () => {
    let t = 0;
    const names = createNameRegistry({ graceMs: 1000, now: () => t });
    names.claim('ada', 's1', 'c1');
    names.release('ada', 's1', 'c1');
    t = 999;
    expect(names.claim('ada', 's2', 'c2')).toBe(false);
    expect(names.claim('ada', 's1', 'c3')).toBe(true); // the same person, back in time
    names.release('ada', 's1', 'c3');
    t = 999 + 1000;
    expect(names.claim('ada', 's2', 'c4')).toBe(true);
  });

  it('is held while any connection of the session is open', () => {
    let t = 0;
    const names = createNameRegistry({ graceMs: 10, now: () => t });
    names.claim('ada', 's1', 'c1');
    names.claim('ada', 's1', 'c2');
    names.release('ada', 's1', 'c1');
    t = 1000;
    expect(names.claim('ada', 's2', 'c3')).toBe(false);
  });

  it('ignores a release by a session that does not hold the name', () => {
    const names = createNameRegistry({ graceMs: 1000, now: () => 0 });
    names.claim('ada', 's1', 'c1');
    names.release('ada', 's2', 'c1');
    expect(names.claim('ada', 's2', 'c2')).toBe(false);
  });
});
