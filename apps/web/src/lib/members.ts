import type { Member } from '@roomlog/client';

/** Each name once, sorted: the same person may be here from two tabs. */
export function uniqueNames(members: readonly Member[]): string[] {
  return [...new Set(members.map((member) => member.name))].sort((a, b) => a.localeCompare(b));
}

/** The names whose last connection dropped moments ago (kept for a grace period: reconnecting). */
export function awayNames(members: readonly Member[]): Set<string> {
  return new Set(members.filter((member) => member.away).map((member) => member.name));
}

/** On a narrow screen, how many names show before "+N more". */
export const NAMES_SHOWN_COLLAPSED = 4;

/**
 * The names to show in a collapsed list, with ours first (so it is never hidden), and how many
 * more there are.
 */
export function collapseNames(
  names: readonly string[],
  me: string,
  max = NAMES_SHOWN_COLLAPSED,
): { shown: string[]; more: number } {
  const ordered = names.includes(me) ? [me, ...names.filter((name) => name !== me)] : [...names];
  const shown = ordered.length > max ? ordered.slice(0, max - 1) : ordered;
  return { shown, more: ordered.length - shown.length };
}
