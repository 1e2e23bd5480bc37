import { describe, expect, it } from 'vitest';
import { splitLinks } from './links';

const joined = (text: string) =>
  splitLinks(text)
    .map((part) => part.text)
    .join('');

describe('splitLinks', () => {
  it('makes http and https URLs links and keeps the text around them', () => {
    expect(splitLinks('see https://example.com/a?b=1#c and http://x.org')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://x.org', href: 'http://x.org/' },
    ]);
  });

  it('never makes javascript:, data: or other schemes links', () => {
    for (const text of [
      'javascript:alert(1)',
      'click javascript:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'JaVaScRiPt:alert(1)',
      'ftp://example.com/file',
      'mailto:ada@example.com',
      'vbscript:msgbox(1)',
    ]) {
      expect(splitLinks(text), text).toEqual([{ kind: 'text', text }]);
    }
  });

  it('does not let a scheme hide inside an http URL', () => {
    const parts = splitLinks('http://javascript:alert(1)');
    for (const part of parts) {
      if (part.kind === 'link') expect(new URL(part.href).protocol).toBe('http:');
    }
    expect(joined('http://javascript:alert(1)')).toBe('http://javascript:alert(1)');
  });

  it('leaves trailing punctuation and unmatched brackets out of the link', () => {
    expect(splitLinks('Look: https://example.com/x.').at(1)).toEqual({
      kind: 'link',
      text: 'https://example.com/x',
      href: 'https://example.com/x',
    });
    expect(splitLinks('(see https://example.com/y)')).toEqual([
      { kind: 'text', text: '(see ' },
      { kind: 'link', text: 'https://example.com/y', href: 'https://example.com/y' },
      { kind: 'text', text: ')' },
    ]);
    expect(splitLinks('https://en.wikipedia.org/wiki/Ada_(language)').at(0)).toMatchObject({
      text: 'https://en.wikipedia.org/wiki/Ada_(language)',
    });
  });

  it('keeps every character of the text, links or not', () => {
    for (const text of [
      '',
      'plain',
      'a https://b.c d',
      'x <https://e.f/"g"> y',
      'https://',
      '🙂 https://e.f 🙂',
    ]) {
      expect(joined(text), text).toBe(text);
    }
  });

  it('is only text for an http URL that does not parse', () => {
    expect(splitLinks('http://[bad')).toEqual([{ kind: 'text', text: 'http://[bad' }]);
  });
});
