import { describe, expect, it } from 'vitest';
import { manualTimers } from './manual-timers.js';
import { RoomEntry } from './room-entry.js';
import { TimerSet } from './timers.js';
import { TYPING_SEND_EVERY_MS, TYPING_SHOWN_MS, Typing } from './typing.js';

describe('Typing', () => {
  it('sends typing:start at most once per interval and room, and only when it can', () => {
    const { timers, clock } = manualTimers();
    const typing = new Typing(new TimerSet(timers), () => undefined);
    const sent: string[] = [];
    let online = true;
    const key = (room: string) =>
      typing.keystroke(
        room,
        () => online,
        () => sent.push(`${room}@${clock.now}`),
      );
    key('a');
    key('b'); // another room has its own interval
    clock.now += TYPING_SEND_EVERY_MS - 1;
    key('a');
    clock.now += 1;
    online = false;
    key('a'); // due, but offline: nothing sent, nothing recorded
    online = true;
    key('a');
    expect(sent).toEqual(['a@1000', 'b@1000', `a@${1000 + TYPING_SEND_EVERY_MS}`]);
  });

  it('tells the others again at once after a send: they stopped showing us when it arrived', () => {
    const { timers, clock } = manualTimers();
    const typing = new Typing(new TimerSet(timers), () => undefined);
    const sent: number[] = [];
    const key = () =>
      typing.keystroke(
        'a',
        () => true,
        () => sent.push(clock.now),
      );
    key();
    clock.now += 100;
    key(); // within the interval: held back
    typing.sent('a');
    key(); // the next message's first keystroke
    expect(sent).toEqual([1000, 1100]);
  });

  it('shows a typist until they go silent, restarting on each member:typing', () => {
    const { timers, pending, fire } = manualTimers();
    let changes = 0;
    const typing = new Typing(new TimerSet(timers), () => changes++);
    const entry = new RoomEntry('lobby');
    typing.heard(entry, 'ada');
    typing.heard(entry, 'ada');
    expect(entry.view([]).typing).toEqual(['ada']);
    expect(pending.map((p) => p.ms)).toEqual([TYPING_SHOWN_MS]); // the first timer was replaced
    fire();
    expect(entry.view([]).typing).toEqual([]);
    expect(changes).toBe(1);
  });

  it('stops showing a typist at once when told (sent, away, left)', () => {
    const { timers, pending } = manualTimers();
    const typing = new Typing(new TimerSet(timers), () => undefined);
    const entry = new RoomEntry('lobby');
    typing.heard(entry, 'ada');
    typing.heard(entry, 'bob');
    typing.stop('lobby', entry, 'ada');
    expect(entry.view([]).typing).toEqual(['bob']);
    expect(pending).toHaveLength(1);
    typing.stop('lobby', undefined, 'bob'); // no longer joined: only the timer goes
    expect(pending).toHaveLength(0);
  });
});
