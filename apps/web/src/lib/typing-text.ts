/**
 * The typing line under a room's log: "Ada is typing…", "Ada and Bob are typing…",
 * "Ada and 2 others are typing…"; empty when nobody is. `me` is never listed.
 */
export function typingText(typists: readonly string[], me: string): string {
  const others = typists.filter((name) => name !== me);
  if (others.length === 0) return '';
  if (others.length === 1) return `${others[0]} is typing…`;
  if (others.length === 2) return `${others[0]} and ${others[1]} are typing…`;
  return `${others[0]} and ${others.length - 1} others are typing…`;
}
