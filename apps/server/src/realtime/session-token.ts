import { createHmac, createSecretKey, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** What a session token says: the session (person) and the name it was issued for. */
export interface SessionClaims {
  session: string;
  name: string;
}

/** Signs and checks session tokens (HMAC-SHA256); a token cannot be forged without the secret. */
export interface SessionTokens {
  issue(claims: SessionClaims): string;
  /** The claims of a genuine token, or null for anything else. */
  verify(token: string): SessionClaims | null;
  newSession(): string;
  /** The session a client's own random key names (stable for one secret). */
  sessionOfClientKey(clientKey: string): string;
}

export function createSessionTokens(secret: string | null): SessionTokens {
  // Without a configured secret, tokens are valid for this process only (see README).
  // A key object, made once: a string key is converted on every signature.
  const key = createSecretKey(Buffer.from(secret ?? randomBytes(32).toString('hex')));
  const sign = (body: string) => createHmac('sha256', key).update(body).digest('base64url');

  return {
    issue(claims) {
      const body = Buffer.from(JSON.stringify({ s: claims.session, n: claims.name })).toString(
        'base64url',
      );
      return `${body}.${sign(body)}`;
    },
    verify(token) {
      const [body, signature, extra] = token.split('.');
      if (!body || !signature || extra !== undefined) return null;
      const expected = Buffer.from(sign(body));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      try {
        const { s, n } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as {
          s?: unknown;
          n?: unknown;
        };
        return typeof s === 'string' && typeof n === 'string' ? { session: s, name: n } : null;
      } catch {
        return null;
      }
    },
    newSession: () => randomUUID(),
    sessionOfClientKey: (clientKey) => `k-${sign(`client-key:${clientKey}`)}`,
  };
}
