import { describe, expect, it } from 'vitest';
import {
  displayNameProblem,
  displayNameProblemByRules,
  nameKey,
  nameKeyByRules,
  scriptsOf,
} from './display-name.js';
import { DisplayName } from './schemas.js';

describe('display name rules', () => {
  it.each([
    ['right-to-left override', 'evil\u202Etxt.exe'],
    ['left-to-right isolate', 'ada\u2066'],
    ['zero-width space', 'a\u200Bda'],
    ['zero-width non-joiner', 'a\u200Cda'],
    ['word joiner', 'a\u2060da'],
    ['zero-width joiner between letters', 'a\u200Dda'],
    ['tag characters', 'ada\u{E0041}\u{E0042}'],
    ['soft hyphen', 'a\u00ADda'],
    ['Hangul filler inside', 'ada\u3164'],
  ])('refuses %s with a reason naming the code point', (_label, name) => {
    expect(displayNameProblem(name)).toMatch(/invisible .*U\+[0-9A-F]{4}/);
    expect(DisplayName.safeParse(name).success).toBe(false);
  });

  it.each([
    ['Hangul filler', '\u3164'],
    ['Hangul fillers', '\u3164\u3164\u3164'],
    ['blank Braille', '\u2800\u2800'],
    ['combining marks on nothing', '\u0301\u0301'],
  ])('refuses an invisible-only name: %s', (_label, name) => {
    const result = DisplayName.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/invisible|visible/);
  });

  it.each([
    ['Latin + Cyrillic', 'аlice'],
    ['Latin + Greek', 'pαypal'],
    ['Cyrillic + Latin', 'Ивaн'],
  ])('refuses a mixed-script name: %s', (_label, name) => {
    expect(displayNameProblem(name)).toMatch(/must not mix scripts/);
  });

  it.each([
    'Zoë',
    'José Álvarez',
    'Ådne',
    '李雷',
    'Ада',
    'ninja 🥷',
    '👩‍💻 dev',
    'Tanaka 田中 たなか',
    'R2-D2',
    '❤️ love',
  ])('accepts %j', (name) => {
    expect(displayNameProblem(name)).toBeNull();
    expect(DisplayName.parse(name)).toBe(name);
  });

  it('normalises fullwidth and compatibility forms (NFKC)', () => {
    expect(DisplayName.parse('ａｌｉｃｅ')).toBe('alice');
    expect(DisplayName.parse('  ﬁona ')).toBe('fiona');
  });

  it('gives equal keys to case, NFKC and look-alike variants', () => {
    const key = nameKey('alice');
    for (const variant of ['Alice', 'ALICE', 'ａｌｉｃｅ', 'Ａｌｉｃｅ', 'аlice', 'аlісе']) {
      expect(nameKey(variant)).toBe(key);
    }
    expect(nameKey('Straße')).toBe(nameKey('STRASSE'));
    expect(nameKey('bob')).not.toBe(key);
  });

  it('names the scripts of letters only', () => {
    expect([...scriptsOf('R2-D2 🥷')]).toEqual(['Latin']);
    expect([...scriptsOf('Ада')]).toEqual(['Cyrillic']);
  });

  it('gives printable ASCII names, by its shortcut, the verdict and key of the full rules', () => {
    const ascii = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
    const names = [
      ...ascii,
      ...ascii.flatMap((a) => ascii.map((b) => a + b)),
      '   ',
      'Ada Lovelace',
    ];
    // And longer ones, from a fixed seed (a linear congruential generator): replayable.
    let seed = 11;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 2_000; i++) {
      const length = 1 + (next() % 32);
      names.push(Array.from({ length }, () => ascii[next() % ascii.length]).join(''));
    }
    for (const name of names) {
      expect(displayNameProblem(name), name).toBe(displayNameProblemByRules(name));
      expect(nameKey(name), name).toBe(nameKeyByRules(name));
    }
    expect(displayNameProblem('   ')).toBe('must contain a visible character');
  });
});
