import type { JoinResult } from '@roomlog/protocol';
import { byName, type Presence } from '../domain/presence.js';
import type { PresenceGrace } from './presence-grace.js';

/** The member list a join's ack carries: everyone present, sorted, and those of them away. */
export async function memberList(
  presence: Presence,
  grace: PresenceGrace,
  room: string,
): Promise<Pick<JoinResult, 'members' | 'away'>> {
  const members = await presence.members(room);
  const away = grace.awayIn(room);
  if (away.length === 0) return { members, away };
  // Another node's word that someone is away can outlast their membership by a moment (its grace
  // ended there first): only members are listed away.
  const present = new Set(members);
  return { members, away: away.filter((name) => present.has(name)).sort(byName) };
}
