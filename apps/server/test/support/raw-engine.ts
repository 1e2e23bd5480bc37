// Raw Engine.IO v4 / Socket.IO v5 clients over fetch (long-polling) and ws (WebSocket), as
// Socket.IO's own tests speak them: hostile tests need to send what no real client would.
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '@roomlog/protocol';
import { frameText } from './frame-text.js';

/** Engine.IO's record separator between packets of one long-polling payload. */
export const SEPARATOR = '\x1e';

/** A Socket.IO CONNECT packet for the main namespace with Roomlog's handshake auth. */
export function connectPacket(name: string, extra: object = {}): string {
  return `40${JSON.stringify({ name, protocol: PROTOCOL_VERSION, ...extra })}`;
}

/** A Socket.IO EVENT packet with an ack id. */
export function eventPacket(ackId: number, event: string, payload: unknown): string {
  return `42${ackId}${JSON.stringify([event, payload])}`;
}

export interface PollingSession {
  sid: string;
  /** POSTs one payload (packets joined by the separator); resolves with the HTTP status. */
  post(packets: string[] | string): Promise<number>;
  /** One GET: resolves with the status and the packets it carried. */
  get(): Promise<{ status: number; packets: string[] }>;
}

/** Opens a long-polling Engine.IO session (the handshake GET) without connecting Socket.IO. */
export async function openPolling(
  base: string,
  headers: Record<string, string> = {},
): Promise<PollingSession> {
  const url = `${base}/socket.io/?EIO=4&transport=polling`;
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (res.status !== 200)
    throw Object.assign(new Error(`handshake ${res.status}: ${body}`), {
      status: res.status,
      body,
    });
  const sid = (JSON.parse(body.slice(1)) as { sid: string }).sid;
  const sessionUrl = `${url}&sid=${sid}`;
  return {
    sid,
    async post(packets) {
      const payload = typeof packets === 'string' ? packets : packets.join(SEPARATOR);
      const r = await fetch(sessionUrl, { method: 'POST', body: payload, headers });
      await r.arrayBuffer();
      return r.status;
    },
    async get() {
      const r = await fetch(sessionUrl, { headers });
      const text = await r.text();
      return { status: r.status, packets: r.status === 200 ? text.split(SEPARATOR) : [text] };
    },
  };
}

/** A long-polling session with Socket.IO connected as `name`. */
export async function connectPolling(base: string, name: string): Promise<PollingSession> {
  const session = await openPolling(base);
  const status = await session.post(connectPacket(name));
  if (status !== 200) throw new Error(`connect POST ${status}`);
  const { packets } = await session.get();
  if (!packets[0]?.startsWith('40')) throw new Error(`connect refused: ${packets.join(' ')}`);
  return session;
}

/** Opens a raw WebSocket to Engine.IO; resolves once open (or rejects with the refusal). */
export function openWebSocket(
  base: string,
  options: WebSocket.ClientOptions = {},
): Promise<WebSocket> {
  const ws = new WebSocket(
    `${base.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`,
    options,
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += String(chunk)));
      res.on('end', () => {
        reject(
          Object.assign(new Error(`upgrade refused: ${res.statusCode} ${body}`), {
            status: res.statusCode,
            body,
          }),
        );
        ws.terminate();
      });
    });
    ws.once('error', reject);
  });
}

/** A WebSocket with Socket.IO connected as `name`; it answers pings unless told not to. */
export async function connectWebSocket(
  base: string,
  name: string,
  options: WebSocket.ClientOptions = {},
): Promise<WebSocket> {
  const ws = await openWebSocket(base, options);
  const connected = new Promise<void>((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const text = frameText(data);
      if (text.startsWith('40')) {
        ws.off('message', onMessage);
        resolve();
      } else if (text.startsWith('44')) {
        reject(new Error(`connect refused: ${text}`));
      }
    };
    ws.on('message', onMessage);
    ws.once('close', () => reject(new Error('closed before connect')));
  });
  ws.send(connectPacket(name));
  await connected;
  return ws;
}

/** Resolves when the WebSocket is closed (at once if it already is). */
export function closed(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => ws.once('close', () => resolve()));
}
