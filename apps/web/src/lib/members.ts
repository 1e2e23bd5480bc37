import type { Member } from '@roomlog/protocol';

/** Each name once, sorted: the same person may be here from two tabs. */
export function uniqueNames(members: readonly Member[]): string[] {
  return [...new Set(members.map((member) => member.name))].sort((a, b) => a.localeCompare(b));
}
