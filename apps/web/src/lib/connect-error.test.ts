import { describe, expect, it } from 'vitest';
import { describeConnection } from './connect-error';

const refused = (code: string, message: string) =>
  ({ state: 'refused', transport: null, error: { code, message } }) as const;

describe('describeConnection', () => {
  it('recognises a refusal by its code, whatever detail its message carries', () => {
    // The message exactly as the real server words it (see the server's sync-faults test).
    expect(
      describeConnection(
        refused(
          'PROTOCOL_MISMATCH',
          'PROTOCOL_MISMATCH: this server speaks protocol 1, the client sent 2',
        ),
      ),
    ).toBe('This page is out of date (PROTOCOL_MISMATCH). Reload it to update.');
    expect(
      describeConnection(refused('INVALID_NAME', 'INVALID_NAME: name: must not be empty')),
    ).toMatch(/refused this name \(INVALID_NAME\)/);
    expect(describeConnection(refused('SOMETHING_NEW', 'SOMETHING_NEW: why'))).toBe(
      'The server refused the connection (SOMETHING_NEW): SOMETHING_NEW: why',
    );
  });

  it('says a lost connection is being retried', () => {
    const error = { message: 'xhr poll error', code: null };
    expect(describeConnection({ state: 'disconnected', transport: null, error })).toBe(
      'Cannot reach the server (xhr poll error). Retrying…',
    );
    expect(describeConnection({ state: 'connecting', transport: null, error })).toMatch(/Retrying/);
    // A graceful server stop ends the connection without an error: still shown.
    expect(describeConnection({ state: 'disconnected', transport: null, error: null })).toBe(
      'Connection lost. Reconnecting…',
    );
  });

  it('is silent while connected or on a first connect', () => {
    expect(describeConnection({ state: 'connected', transport: 'websocket', error: null })).toBe(
      null,
    );
    expect(describeConnection({ state: 'connecting', transport: null, error: null })).toBe(null);
  });
});
