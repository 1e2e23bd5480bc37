import { describe, expect, it } from 'vitest';
import { createSessionTokens } from './session-token.js';

describe('session tokens', () => {
  const secret = 'k'.repeat(32);

  it('verifies what it issued', () => {
    const tokens = createSessionTokens(secret);
    const token = tokens.issue({ session: 's1', name: 'Ada' });
    expect(tokens.verify(token)).toEqual({ session: 's1', name: 'Ada' });
    // Another process with the same secret accepts it too (a restart, another node).
    expect(createSessionTokens(secret).verify(token)).toEqual({ session: 's1', name: 'Ada' });
  });

  it('refuses forged, altered and foreign tokens', () => {
    const tokens = createSessionTokens(secret);
    const token = tokens.issue({ session: 's1', name: 'Ada' });
    const [body, signature] = token.split('.') as [string, string];
    const forgedBody = Buffer.from(JSON.stringify({ s: 's2', n: 'Ada' })).toString('base64url');
    for (const bad of [
      `${forgedBody}.${signature}`,
      `${body}.${signature.slice(0, -2)}AA`,
      `${body}.${signature}.x`,
      body,
      '',
      '..',
      createSessionTokens('o'.repeat(32)).issue({ session: 's1', name: 'Ada' }),
    ]) {
      expect(tokens.verify(bad), bad).toBeNull();
    }
  });

  it('makes a new random secret when none is configured', () => {
    const token = createSessionTokens(null).issue({ session: 's1', name: 'Ada' });
    expect(createSessionTokens(null).verify(token)).toBeNull();
  });
});
