import { isIP } from 'node:net';

/** What the address of a connection is read from: Node's request (or Engine.IO's copy of it). */
export interface AddressSource {
  socket: { remoteAddress?: string | undefined };
  headers: Record<string, string | string[] | undefined>;
}

/** The client's address, for the per-address budgets and connection cap. */
export type ClientAddressOf = (req: AddressSource) => string;

// An IPv4 peer of a dual-stack socket reads as "::ffff:10.0.0.1": one address, one spelling.
const canonical = (address: string): string =>
  address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;

/**
 * Reads a connection's client address. The TCP peer is the client, unless the peer is one of
 * `trustedProxies` (a load balancer such as HAProxy with `option forwardfor`): then the client is
 * the right-most `X-Forwarded-For` hop that is not itself a trusted proxy. Hops left of it were
 * written by the client and prove nothing, so they are never read; a malformed hop ends the walk
 * at the last trusted proxy. Without trusted proxies the header is ignored: anyone can send it.
 */
export function createClientAddressOf(trustedProxies: readonly string[]): ClientAddressOf {
  const trusted = new Set(trustedProxies.map(canonical));
  return (req) => {
    let address = canonical(req.socket.remoteAddress ?? '');
    if (!trusted.has(address)) return address;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = canonical(hops[i]?.trim() ?? '');
      if (isIP(hop) === 0) return address;
      address = hop;
      if (!trusted.has(hop)) return address;
    }
    return address;
  };
}
