import type { JoinResult } from '@roomlog/protocol';
import type { Member } from './types.js';

// The server sends the whole member list only in the `room:join` ack, then the names of each
// change (`member:joined` / `member:away` / `member:left`, several names when many changed at
// once); these keep a room's list current. One pass and one sort per event, whatever its size.
// Pure, so they are tested without a network.

const byName = (a: Member, b: Member) => a.name.localeCompare(b.name);

/** The list a join's ack gives: its names (sorted by the server), those in `away` marked away. */
export function membersOfJoin({ members, away }: Pick<JoinResult, 'members' | 'away'>): Member[] {
  if (away.length === 0) return members.map((name) => ({ name }));
  const awayNames = new Set(away);
  return members.map((name) => (awayNames.has(name) ? { name, away: true } : { name }));
}

/** The list with `names` added (once each, not away: they are back), sorted by name. */
export function withMembers(members: readonly Member[], names: readonly string[]): Member[] {
  const arriving = new Set(names);
  const others = members.filter((member) => !arriving.has(member.name));
  return [...others, ...[...arriving].map((name) => ({ name }))].sort(byName);
}

/** The list with `names` marked away (reconnecting); a name not there is added, away. */
export function withMembersAway(members: readonly Member[], names: readonly string[]): Member[] {
  const away = new Set(names);
  const others = members.filter((member) => !away.has(member.name));
  return [...others, ...[...away].map((name) => ({ name, away: true }))].sort(byName);
}

/** The list without `names`. */
export function withoutMembers(members: readonly Member[], names: readonly string[]): Member[] {
  const leaving = new Set(names);
  return members.filter((member) => !leaving.has(member.name));
}
