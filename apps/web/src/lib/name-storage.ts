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

/** Where the server's session token is kept, next to the name it binds. */
export const SESSION_KEY = 'roomlog:session';

/** The session token storage the Socket.IO transport reads on every connect and updates. */
export function sessionTokenStorage(storage: Pick<Storage, 'getItem' | 'setItem'>) {
  return {
    load(): string | null {
      try {
        return storage.getItem(SESSION_KEY);
      } catch {
        return null;
      }
    },
    save(token: string): void {
      try {
        storage.setItem(SESSION_KEY, token);
      } catch {
        // Kept in memory only: a reload may then find the name held for a while.
      }
    },
  };
}
