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
/** Where this browser's own random session key is kept (made once, before the first connect). */
export const CLIENT_KEY = 'roomlog:client-key';

export function sessionTokenStorage(storage: Pick<Storage, 'getItem' | 'setItem'>) {
  let memoryKey: string | null = null;
  return {
    clientKey(): string {
      try {
        const stored = storage.getItem(CLIENT_KEY);
        if (stored) return stored;
      } catch {
        // Unreadable storage: a key for this page's life only.
      }
      memoryKey ??= randomKey();
      try {
        storage.setItem(CLIENT_KEY, memoryKey);
      } catch {
        // Kept in memory only.
      }
      return memoryKey;
    },
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

/** 128 random bits, base64url (22 characters). */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
