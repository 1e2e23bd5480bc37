/** What a screen reader hears of a message. */
export interface Heard {
  author: string;
  text: string;
}

/** How many messages a burst reads out one by one before it only counts them. */
export const READ_OUT_MAX = 3;
/** Longer texts are cut, so one long message does not hold the screen reader up. */
export const HEARD_TEXT_MAX = 140;

function cut(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > HEARD_TEXT_MAX ? `${flat.slice(0, HEARD_TEXT_MAX - 1)}…` : flat;
}

/**
 * One announcement for a burst of new messages: each read out when there are a few
 * (`Ada: hello. Bob: hi`), otherwise counted, with the latest read out.
 */
export function announcement(burst: readonly Heard[]): string {
  if (burst.length === 0) return '';
  if (burst.length <= READ_OUT_MAX) {
    return burst.map(({ author, text }) => `${author}: ${cut(text)}`).join('. ');
  }
  const last = burst.at(-1);
  if (!last) return '';
  return `${burst.length} new messages. Latest, ${last.author}: ${cut(last.text)}`;
}
