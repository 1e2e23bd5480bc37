import type { Member } from '@roomlog/protocol';

// The server sends the whole member list only in the `room:join` ack, then one name per change
// (`member:joined` / `member:away` / `member:left`); these keep a room's list current. Pure, so they are tested
// without a network.

/** The list with `name` added (once, not away: they are back), sorted by name. */
export function withMember(members: readonly Member[], name: string): Member[] {
  if (members.some((member) => member.name === name)) {
    return members.map((member) => (member.name === name ? { name } : member));
  }
  return [...members, { name }].sort((a, b) => a.name.localeCompare(b.name));
}

/** The list with `name` marked away (reconnecting); a name not there is added, away. */
export function withMemberAway(members: readonly Member[], name: string): Member[] {
  const others = members.filter((member) => member.name !== name);
  return [...others, { name, away: true }].sort((a, b) => a.name.localeCompare(b.name));
}

/** The list without `name`. */
export function withoutMember(members: readonly Member[], name: string): Member[] {
  return members.filter((member) => member.name !== name);
}
