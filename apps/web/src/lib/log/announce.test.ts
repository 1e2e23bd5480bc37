import { describe, expect, it } from 'vitest';
import { HEARD_TEXT_MAX, announcement } from './announce';

describe('announcement', () => {
  it('reads a few messages out, each with its author', () => {
    expect(announcement([{ author: 'Ada', text: 'hello' }])).toBe('Ada: hello');
    expect(
      announcement([
        { author: 'Ada', text: 'hello' },
        { author: 'Bob', text: 'hi\nthere' },
      ]),
    ).toBe('Ada: hello. Bob: hi there');
  });

  it('counts a burst instead of reading every message', () => {
    const burst = Array.from({ length: 12 }, (_, i) => ({ author: 'Bob', text: `m${i + 1}` }));
    expect(announcement(burst)).toBe('12 new messages. Latest, Bob: m12');
  });

  it('cuts long texts and says nothing for no messages', () => {
    const heard = announcement([{ author: 'Ada', text: 'x'.repeat(1000) }]);
    expect(heard).toBe(`Ada: ${'x'.repeat(HEARD_TEXT_MAX - 1)}…`);
    expect(announcement([])).toBe('');
  });
});
