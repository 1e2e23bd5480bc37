import { describe, expect, it } from 'vitest';
import { THEME_KEY, effectiveTheme, loadTheme, saveTheme, toggledTheme } from './theme';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('theme', () => {
  it('follows the system until a choice is made', () => {
    expect(effectiveTheme(null, true)).toBe('dark');
    expect(effectiveTheme(null, false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(effectiveTheme('dark', false)).toBe('dark');
  });

  it('toggles to the other of what is shown', () => {
    expect(toggledTheme(null, true)).toBe('light');
    expect(toggledTheme(null, false)).toBe('dark');
    expect(toggledTheme('dark', true)).toBe('light');
  });

  it('remembers the choice and ignores anything else stored', () => {
    const storage = memoryStorage();
    expect(loadTheme(storage)).toBeNull();
    saveTheme(storage, 'dark');
    expect(loadTheme(storage)).toBe('dark');
    expect(loadTheme(memoryStorage({ [THEME_KEY]: 'purple' }))).toBeNull();
  });

  it('treats storage that throws as no choice', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadTheme(throwing)).toBeNull();
    expect(() => saveTheme(throwing, 'light')).not.toThrow();
  });
});
