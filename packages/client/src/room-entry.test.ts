import { describe, expect, it } from 'vitest';
import { RoomEntry } from './room-entry.js';

const reply = (members: string[], away: string[] = []) => ({
  room: 'lobby',
  head: 0,
  messages: [],
  members,
  away,
});

describe('RoomEntry members', () => {
  it("applies member changes heard while joining over the join ack's list, in order", () => {
    const entry = new RoomEntry('lobby');
    entry.joining();
    // Broadcast after the server read the list it acks with, delivered before the ack.
    entry.memberJoined(['bob']);
    entry.memberAway(['cy']);
    entry.memberLeft(['dee']);
    entry.memberJoined(['cy']);
    entry.joined(1, undefined, reply(['ada', 'cy', 'dee']));
    expect(entry.view([]).members).toEqual([{ name: 'ada' }, { name: 'bob' }, { name: 'cy' }]);
    // Once joined, changes apply directly and are not replayed by a later ack.
    entry.memberLeft(['bob']);
    entry.joining();
    entry.joined(2, 0, reply(['ada', 'eve'], ['eve']));
    expect(entry.view([]).members).toEqual([{ name: 'ada' }, { name: 'eve', away: true }]);
  });
});
