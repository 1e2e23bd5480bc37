// The rules a display name must follow beyond its length, shared by the browser and the server so
// both refuse the same names for the same reason. Based on Unicode TR #39 (security mechanisms):
// no format characters, something visible, one script (or an accepted CJK mix), and a
// comparison key that makes look-alike names collide.

// Control characters (C0, DEL, C1).
const CONTROL = /\p{Cc}/u;
// Format characters: bidi controls (U+202E), zero-width (U+200B–U+200D, U+2060), tags (U+E0020…).
const FORMAT = /\p{Cf}/u;
const ZWJ = '\u200d';
// Emoji parts a zero-width joiner may sit between (👩‍💻): pictographs, skin tones, VS16.
const EMOJI_PART = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;
// Characters that draw nothing: spaces, default-ignorables (U+3164 HANGUL FILLER, U+115F,
// U+FFA0…), combining marks on nothing, and the blank Braille pattern.
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{M}\u2800]/u;
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const VARIATION_SELECTOR = /[\uFE00-\uFE0F]/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const VISIBLE_ASCII = /[\x21-\x7e]/;
const VISIBLE_REQUIRED = 'must contain a visible character';

// The scripts a letter is checked against; a letter of any other script counts as "Other".
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Hebrew',
  'Arabic',
  'Devanagari',
  'Bengali',
  'Thai',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
].map((name) => ({ name, pattern: new RegExp(`\\p{Script=${name}}`, 'u') }));
const LETTER = /\p{L}/u;

// TR #39 "highly restrictive": one script, or Latin with one of these East Asian mixes.
const ALLOWED_MIXES = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

// Letters of other scripts drawn like Latin ones (TR #39 confusables, the common cases), so
// "аlice" in Cyrillic and "alice" share a comparison key.
const LOOKALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  з: '3',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ϲ: 'c',
};

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The scripts of a name's letters (digits, punctuation and emoji belong to none). */
export function scriptsOf(name: string): Set<string> {
  const scripts = new Set<string>();
  for (const char of name) {
    if (!LETTER.test(char)) continue;
    scripts.add(SCRIPTS.find((s) => s.pattern.test(char))?.name ?? 'Other');
  }
  return scripts;
}

/**
 * Why a (trimmed, NFKC-normalised) display name is refused, or null when it is acceptable.
 * Length is checked by the schema; this checks what a length cannot.
 */
export function displayNameProblem(name: string): string | null {
  // Most names are printable ASCII: no control, format or invisible characters but the space,
  // and every letter Latin. Only "all spaces" can be wrong there (what the rules below also say).
  if (PRINTABLE_ASCII.test(name)) return VISIBLE_ASCII.test(name) ? null : VISIBLE_REQUIRED;
  return displayNameProblemByRules(name);
}

/** {@link displayNameProblem} without its printable-ASCII shortcut (exported for its test). */
export function displayNameProblemByRules(name: string): string | null {
  const chars = [...name];
  for (const [i, char] of chars.entries()) {
    if (CONTROL.test(char)) return 'must not contain control characters';
    if (
      char === ZWJ &&
      EMOJI_PART.test(chars[i - 1] ?? '') &&
      EMOJI_PART.test(chars[i + 1] ?? '')
    ) {
      continue; // joins an emoji sequence such as 👩‍💻
    }
    if (FORMAT.test(char)) {
      return `must not contain invisible formatting characters (${codePoint(char)})`;
    }
    if (IGNORABLE.test(char) && !VARIATION_SELECTOR.test(char)) {
      return `must not contain invisible characters (${codePoint(char)})`;
    }
  }
  if (chars.every((char) => INVISIBLE.test(char) || char === ZWJ)) return VISIBLE_REQUIRED;
  const scripts = scriptsOf(name);
  if (scripts.size > 1 && !ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.has(s)))) {
    return `must not mix scripts (${[...scripts].join(' and ')}): it could imitate another name`;
  }
  return null;
}

/**
 * The key two names are compared by: NFKC, case-folded, look-alike letters mapped to Latin. Two
 * people cannot hold names with the same key at once ("Alice", "ALICE", "ａｌｉｃｅ", "аlice").
 */
export function nameKey(name: string): string {
  // ASCII is its own NFKC form, folds by lowercasing and holds no look-alike of another script.
  if (PRINTABLE_ASCII.test(name)) return name.toLowerCase();
  return nameKeyByRules(name);
}

/** {@link nameKey} without its printable-ASCII shortcut (exported for its test). */
export function nameKeyByRules(name: string): string {
  const folded = name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
  let key = '';
  for (const char of folded) key += LOOKALIKES[char] ?? char;
  return key;
}
