import { describe, expect, it } from 'vitest';
import { describeRefusal } from './connect-error';

const refused = (code: string, message: string) =>
  ({ state: 'refused', transport: null, error: { code, message } }) as const;

describe('describeRefusal', () => {
  it('recognises a refusal by its code, whatever detail its message carries', () => {
    // The message exactly as the real server words it (see the server's sync-faults test).
    expect(
      describeRefusal(
        refused(
          'PROTOCOL_MISMATCH',
          'PROTOCOL_MISMATCH: this server speaks protocol 1, the client sent 2',
        ),
      ),
    ).toBe('This page is out of date (PROTOCOL_MISMATCH). Reload it to update.');
    expect(
      describeRefusal(refused('NAME_TAKEN', 'NAME_TAKEN: someone else is using the name "Ada"')),
    ).toMatch(/Someone else is using this name right now \(NAME_TAKEN\)/);
    expect(describeRefusal(refused('SOMETHING_NEW', 'SOMETHING_NEW: why'))).toBe(
      'The server refused the connection (SOMETHING_NEW): SOMETHING_NEW: why',
    );
  });

  it('keeps the reason the server gave for a refused name', () => {
    expect(
      describeRefusal(
        refused(
          'INVALID_NAME',
          'INVALID_NAME: name must not contain invisible formatting characters (U+202E)',
        ),
      ),
    ).toMatch(
      /\(INVALID_NAME: name must not contain invisible formatting characters \(U\+202E\)\)/,
    );
  });

  it('is silent unless refused: a connection being retried is told by the badge', () => {
    expect(describeRefusal({ state: 'connected', transport: 'websocket', error: null })).toBe(null);
    expect(describeRefusal({ state: 'connecting', transport: null, error: null })).toBe(null);
    const error = { message: 'xhr poll error', code: null };
    expect(describeRefusal({ state: 'disconnected', transport: null, error })).toBe(null);
  });
});
