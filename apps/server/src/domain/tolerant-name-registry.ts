import type { NameRegistry } from './name-registry.js';

/**
 * A name registry that never fails a handshake: while its backend (Redis) is unreachable, a name
 * that this node does not know to be someone else's is granted (logged), and releases are
 * dropped; the Redis registry writes the names of its open connections back once Redis answers.
 * Refusing every connection during an outage would be worse than a rare duplicate name.
 */
export function tolerantNameRegistry(
  names: NameRegistry,
  onError: (err: unknown) => void,
): NameRegistry {
  return {
    claim: (key, session, connectionId) =>
      names.claim(key, session, connectionId).catch((err: unknown) => {
        onError(err);
        return true;
      }),
    release: (key, session, connectionId) =>
      names.release(key, session, connectionId).catch(onError),
    close: () => names.close().catch(onError),
  };
}
