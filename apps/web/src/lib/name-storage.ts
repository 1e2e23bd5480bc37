/** Where the lobby remembers the display name. */
export const NAME_KEY = 'roomlog:name';

type NameStorage = Pick<Storage, 'getItem' | 'setItem'>;

// Storage access throws in some privacy modes; the app then simply asks for the name again.
export function loadName(storage: NameStorage): string {
  try {
    return storage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveName(storage: NameStorage, name: string): void {
  try {
    storage.setItem(NAME_KEY, name);
  } catch {
    // Not remembered; nothing else depends on it.
  }
}
