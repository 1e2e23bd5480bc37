import { describe, expect, it } from 'vitest';
import { describeConnectError } from './connect-error';

describe('describeConnectError', () => {
  it('explains the handshake refusals and keeps their code', () => {
    expect(describeConnectError('INVALID_NAME')).toMatch(/refused this name \(INVALID_NAME\)/);
    expect(describeConnectError('PROTOCOL_MISMATCH')).toMatch(/Reload/);
  });

  it('passes on transport errors', () => {
    expect(describeConnectError('xhr poll error')).toBe(
      'Cannot reach the server (xhr poll error). Retrying…',
    );
  });
});
