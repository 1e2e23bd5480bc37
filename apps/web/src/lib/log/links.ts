/** A piece of message text: plain text, or an http(s) link. */
export type TextPart =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

// Only http:// and https:// are ever links: `javascript:`, `data:` and every other scheme stay
// text, because nothing else is matched.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/gi;
// Trailing characters that usually end the sentence, not the URL.
const TRAILING = /[.,;:!?'"»”’]+$/;

/** Drops trailing punctuation, and closing brackets that have no opening one in the URL. */
function trimUrl(raw: string): string {
  let url = raw.replace(TRAILING, '');
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
  ] as const) {
    while (url.endsWith(close) && count(url, close) > count(url, open)) {
      url = url.slice(0, -1).replace(TRAILING, '');
    }
  }
  return url;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** The URL as an href if it parses as http(s), else null. */
function safeHref(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Splits message text into text and http(s) links, in order; joined back, the parts are the text. */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  const pushText = (value: string) => {
    if (!value) return;
    const previous = parts[parts.length - 1];
    if (previous?.kind === 'text') previous.text += value;
    else parts.push({ kind: 'text', text: value });
  };
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const url = trimUrl(match[0]);
    const href = safeHref(url);
    pushText(text.slice(last, start));
    if (href) parts.push({ kind: 'link', text: url, href });
    else pushText(url);
    last = start + url.length;
  }
  pushText(text.slice(last));
  return parts;
}
