import { describe, expect, it } from 'vitest';
import { describeConnectError } from './connect-error';

describe('describeConnectError', () => {
  it('explains the handshake refusals and keeps their code', () => {
    expect(describeConnectError('INVALID_NAME')).toMatch(/refused this name \(INVALID_NAME\)/);
    expect(describeConnectError('PROTOCOL_MISMATCH')).toMatch(/Reload/);
    expect(describeConnectError('NAME_TAKEN: someone else is using the name "Ada"')).toMatch(
      /Someone else is using this name right now \(NAME_TAKEN\)/,
    );
  });

  it('keeps the reason the server gave for a refused name', () => {
    expect(
      describeConnectError(
        'INVALID_NAME: name must not contain invisible formatting characters (U+202E)',
      ),
    ).toMatch(
      /\(INVALID_NAME: name must not contain invisible formatting characters \(U\+202E\)\)/,
    );
  });

  it('passes on transport errors', () => {
    expect(describeConnectError('xhr poll error')).toBe(
      'Cannot reach the server (xhr poll error). Retrying…',
    );
  });
});
