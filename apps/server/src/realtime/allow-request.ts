import type { IncomingMessage } from 'node:http';
import type { ClientAddressOf } from './client-address.js';

/**
 * Whether a browser page on `Origin` may open a connection: its own origin (the Host it asked
 * for) or one of `allowed`. Without an Origin header the request is not a cross-site one (a
 * browser sends Origin on every WebSocket and cross-origin request; same-origin GETs may omit it).
 * Socket.IO's `cors` option alone does not protect the WebSocket handshake: this does.
 */
export function isAllowedOrigin(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.origin === origin &&
      url.host === req.headers.host
    );
  } catch {
    return false; // "null" (sandboxed frames, file:) and anything unparsable
  }
}

/** Open Engine.IO connections per client address, on this node. */
export interface AddressCounter {
  count(address: string): number;
  open(address: string): void;
  close(address: string): void;
}

export function createAddressCounter(): AddressCounter {
  const open = new Map<string, number>();
  return {
    count: (address) => open.get(address) ?? 0,
    open: (address) => void open.set(address, (open.get(address) ?? 0) + 1),
    close(address) {
      const n = (open.get(address) ?? 0) - 1;
      if (n > 0) open.set(address, n);
      else open.delete(address);
    },
  };
}

/**
 * Engine.IO's `allowRequest`, run on every handshake (long-polling's first GET, or the WebSocket
 * upgrade without a session): refuses a foreign origin and an address with too many connections.
 * Engine.IO answers 403 on long-polling and refuses the WebSocket upgrade.
 */
export function createAllowRequest(options: {
  allowedOrigins: readonly string[];
  connectionsPerAddress: number;
  addresses: AddressCounter;
  addressOf: ClientAddressOf;
  /** True while draining for a stop: new sessions are refused (HAProxy sends them elsewhere). */
  draining?: (() => boolean) | undefined;
}) {
  return (
    req: IncomingMessage,
    callback: (err: string | null | undefined, ok: boolean) => void,
  ) => {
    // Called for new sessions only: sessions already open keep working until we close them.
    if (options.draining?.()) {
      callback('SHUTTING_DOWN: this node is stopping; connect again', false);
      return;
    }
    if (!isAllowedOrigin(req, options.allowedOrigins)) {
      callback(
        `FORBIDDEN_ORIGIN: ${String(req.headers.origin).slice(0, 200)} may not connect`,
        false,
      );
      return;
    }
    const address = options.addressOf(req);
    if (options.addresses.count(address) >= options.connectionsPerAddress) {
      callback(
        `RATE_LIMITED: more than ${options.connectionsPerAddress} connections from one address`,
        false,
      );
      return;
    }
    callback(null, true);
  };
}
