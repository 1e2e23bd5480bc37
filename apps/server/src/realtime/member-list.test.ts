import { describe, expect, it } from 'vitest';
import { createMemoryPresence } from '../domain/presence.js';
import { memberList } from './member-list.js';
import { createPresenceGrace, type GraceTimers } from './presence-grace.js';

// Timers that never fire: the grace under test holds everyone it is told about.
const frozen: GraceTimers = { setTimeout: () => 0, clearTimeout: () => undefined };

function setUp() {
  const presence = createMemoryPresence();
  const grace = createPresenceGrace({
    graceMs: 15_000,
    presence,
    onLeft: () => undefined,
    onError: (err) => {
      throw err;
    },
    timers: frozen,
  });
  return { presence, grace };
}

describe('memberList', () => {
  it('lists the members sorted and none away while nobody dropped', async () => {
    const { presence, grace } = setUp();
    for (const [i, name] of ['Zoë', 'bob', 'Ada'].entries())
      await presence.add('lobby', `c${i}`, name);
    expect(await memberList(presence, grace, 'lobby')).toEqual({
      members: ['Ada', 'bob', 'Zoë'],
      away: [],
    });
  });

  it('lists those dropped here or elsewhere as away in their room only, each once, sorted', async () => {
    const { presence, grace } = setUp();
    for (const [i, name] of ['Ada', 'bob', 'cy', 'Zoë'].entries())
      await presence.add('lobby', `c${i}`, name);
    await presence.add('attic', 'c9', 'bob');
    grace.hold('c3', 'Zoë', ['lobby']); // dropped here: still registered, away
    grace.fromPeer.away('lobby', 'bob'); // dropped on another node
    grace.fromPeer.away('lobby', 'Zoë'); // both: listed once
    expect(await memberList(presence, grace, 'lobby')).toEqual({
      members: ['Ada', 'bob', 'cy', 'Zoë'],
      away: ['bob', 'Zoë'],
    });
    expect(await memberList(presence, grace, 'attic')).toEqual({ members: ['bob'], away: [] });
  });

  it('does not list as away someone another node still reports but who is no longer a member', async () => {
    const { presence, grace } = setUp();
    await presence.add('lobby', 'c1', 'Ada');
    grace.fromPeer.away('lobby', 'ghost'); // their grace ended on that node a moment before ours
    expect(await memberList(presence, grace, 'lobby')).toEqual({ members: ['Ada'], away: [] });
  });
});
