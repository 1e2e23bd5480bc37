/** The Socket.IO transports the app can be pinned to. */
export type TransportName = 'polling' | 'websocket';

/** The only query string the app carries from page to page. */
export type TransportSearch = '' | '?transport=polling';

function wantsPolling(search: string): boolean {
  return new URLSearchParams(search).get('transport') === 'polling';
}

/**
 * `?transport=polling` pins the socket to long-polling (for proxies that refuse WebSockets, and
 * for tests of that path); anything else keeps Socket.IO's default order (polling, then upgrade).
 */
export function transportsFromSearch(search: string): TransportName[] | undefined {
  return wantsPolling(search) ? ['polling'] : undefined;
}

/** The query string to append to internal links so the transport choice survives navigation. */
export function transportSearch(search: string): TransportSearch {
  return wantsPolling(search) ? '?transport=polling' : '';
}
