/** Where the theme choice is remembered. */
export const THEME_KEY = 'roomlog:theme';

export type Theme = 'light' | 'dark';

type ThemeStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The remembered choice, or null to follow the system (`prefers-color-scheme`). */
export function loadTheme(storage: ThemeStorage): Theme | null {
  try {
    const value = storage.getItem(THEME_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

export function saveTheme(storage: ThemeStorage, theme: Theme): void {
  try {
    storage.setItem(THEME_KEY, theme);
  } catch {
    // Not remembered: the next visit follows the system again.
  }
}

/** The theme in effect: the choice if one was made, else the system's. */
export function effectiveTheme(choice: Theme | null, systemDark: boolean): Theme {
  return choice ?? (systemDark ? 'dark' : 'light');
}

/** What the toggle switches to: the other one of what is shown now. */
export function toggledTheme(choice: Theme | null, systemDark: boolean): Theme {
  return effectiveTheme(choice, systemDark) === 'dark' ? 'light' : 'dark';
}
