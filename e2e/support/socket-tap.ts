import type { BrowserContext, WebSocketRoute } from '@playwright/test';

/** Which Socket.IO frames a connection swallows; fixed when the connection opens. */
export interface FramePolicy {
  /** Drop this page→server frame (it never reaches the server). */
  toServer?: (frame: string) => boolean;
  /** Drop this server→page frame (the page never sees it). */
  toPage?: (frame: string) => boolean;
}

/** The context's Socket.IO WebSockets, relayed through Playwright so a test can filter or cut them. */
export interface SocketTap {
  /** How many WebSockets to `/socket.io/` the pages of the context opened so far. */
  readonly opened: () => number;
  /** Connections opened from now on use this policy (until it is changed); `null` relays all. */
  setPolicy(policy: FramePolicy | null): void;
  /** Closes every relayed connection on both ends, as a dropped network would. */
  cutAll(): Promise<void>;
}

/**
 * Relays every WebSocket to `/socket.io/` of `context` through `routeWebSocket`.
 * Playwright implements the route with a WebSocket stand-in inside the page, which opens the
 * real connection from the page itself: the browser's offline emulation still applies to it.
 */
export async function tapSocketIo(context: BrowserContext): Promise<SocketTap> {
  const links: Array<{ page: WebSocketRoute; server: WebSocketRoute }> = [];
  let current: FramePolicy | null = null;

  await context.routeWebSocket(/\/socket\.io\//, (page) => {
    const policy = current;
    const server = page.connectToServer();
    page.onMessage((frame) => {
      if (typeof frame === 'string' && policy?.toServer?.(frame)) return;
      server.send(frame);
    });
    server.onMessage((frame) => {
      if (typeof frame === 'string' && policy?.toPage?.(frame)) return;
      page.send(frame);
    });
    links.push({ page, server });
  });

  return {
    opened: () => links.length,
    setPolicy(policy) {
      current = policy;
    },
    async cutAll() {
      await Promise.all(
        links.flatMap(({ page, server }) => [
          page.close().catch(() => {}),
          server.close().catch(() => {}),
        ]),
      );
    },
  };
}

/** Blocks every WebSocket to `/socket.io/` of `context`; counts the refused attempts. */
export async function blockSocketIoWebSockets(context: BrowserContext): Promise<() => number> {
  let refused = 0;
  await context.routeWebSocket(/\/socket\.io\//, (ws) => {
    refused += 1;
    void ws.close().catch(() => {});
  });
  return () => refused;
}

/** A Socket.IO event frame (`42…["event",…]`) carrying `event` and containing `needle`. */
export function isEventFrame(frame: string, event: string, needle?: string): boolean {
  const match = /^42\d*\["([^"]+)"/.exec(frame);
  return match?.[1] === event && (needle === undefined || frame.includes(needle));
}
