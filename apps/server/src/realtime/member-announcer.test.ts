import { describe, expect, it } from 'vitest';
import { createMemberAnnouncer, type MemberEvent } from './member-announcer.js';

/** Timers run by hand: `elapse()` fires what is due. */
function manualTimers() {
  let now = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  let next = 0;
  return {
    timers: {
      setTimeout: (fn: () => void, ms: number) => {
        due.set(++next, { at: now + ms, fn });
        return next;
      },
      clearTimeout: (handle: unknown) => void due.delete(handle as number),
    },
    elapse(ms: number) {
      now += ms;
      for (const [id, timer] of [...due]) {
        if (timer.at > now) continue;
        due.delete(id);
        timer.fn();
      }
    },
  };
}

function announcer() {
  const clock = manualTimers();
  const sent: [MemberEvent, string, string[]][] = [];
  const members = createMemberAnnouncer({
    windowMs: 50,
    timers: clock.timers,
    emit: (event, room, names) => sent.push([event, room, names]),
  });
  return { members, sent, clock };
}

describe('createMemberAnnouncer', () => {
  it('sends a quiet room its change at once, and gathers what follows within the window', () => {
    const { members, sent, clock } = announcer();
    for (const name of ['ada', 'bob', 'cy']) members.announce('member:joined', 'lobby', name);
    expect(sent).toEqual([['member:joined', 'lobby', ['ada']]]);
    clock.elapse(49);
    expect(sent).toHaveLength(1);
    clock.elapse(1);
    expect(sent.at(-1)).toEqual(['member:joined', 'lobby', ['bob', 'cy']]);
    // A new window began with that event: what comes within it waits for its end.
    members.announce('member:joined', 'lobby', 'dee');
    expect(sent).toHaveLength(2);
    clock.elapse(50);
    expect(sent.at(-1)).toEqual(['member:joined', 'lobby', ['dee']]);
    // A window with nothing in it ends the gathering: the next change goes out at once.
    clock.elapse(50);
    members.announce('member:left', 'lobby', 'ada');
    expect(sent.at(-1)).toEqual(['member:left', 'lobby', ['ada']]);
    expect(sent).toHaveLength(4);
  });

  it('keeps the order of changes: another kind sends what waits first', () => {
    const { members, sent, clock } = announcer();
    members.announce('member:joined', 'lobby', 'ada');
    members.announce('member:joined', 'lobby', 'bob');
    members.announce('member:joined', 'lobby', 'cy');
    members.announce('member:away', 'lobby', 'ada');
    members.announce('member:joined', 'lobby', 'ada');
    members.announce('member:left', 'lobby', 'bob');
    clock.elapse(50);
    expect(sent).toEqual([
      ['member:joined', 'lobby', ['ada']],
      ['member:joined', 'lobby', ['bob', 'cy']],
      ['member:away', 'lobby', ['ada']],
      ['member:joined', 'lobby', ['ada']],
      ['member:left', 'lobby', ['bob']],
    ]);
  });

  it('gathers each room apart, and flush sends everything at once', () => {
    const { members, sent, clock } = announcer();
    members.announce('member:joined', 'a', 'ada');
    members.announce('member:left', 'b', 'bob');
    members.announce('member:joined', 'a', 'cy');
    members.announce('member:joined', 'a', 'dee');
    members.announce('member:left', 'b', 'eve');
    expect(sent).toEqual([
      ['member:joined', 'a', ['ada']],
      ['member:left', 'b', ['bob']],
    ]);
    members.flush();
    expect(sent.slice(2)).toEqual([
      ['member:joined', 'a', ['cy', 'dee']],
      ['member:left', 'b', ['eve']],
    ]);
    clock.elapse(100);
    expect(sent).toHaveLength(4);
  });
});
