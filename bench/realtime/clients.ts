// The load generator's clients, one interface over the three servers. They speak the wire
// protocol directly (a small Engine.IO 4 / Socket.IO 5 client over `ws`, or over HTTP
// long-polling in `polling-transport.ts`), so a generator process can receive 100,000+
// deliveries/s on a shared 2-core machine; the server sees the packets socket.io-client would send.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { frameText } from './frame-text.js';
import { startPolling } from './polling-transport.js';
import { PROTOCOL_VERSION } from '@roomlog/protocol';

export type ServerKind = 'roomlog' | 'socketio' | 'ws';
export type Transport = 'websocket' | 'polling';

export interface ClientHandlers {
  /** A broadcast message arrived; `sentUs` is the sender's timestamp from its text. */
  onDelivery(sentUs: number): void;
  /** Bytes of a member-list frame (Roomlog's `member:joined` / `member:left`). */
  onPresenceBytes(bytes: number): void;
  /** A send was refused (an ack with ok: false). */
  onSendError(code: string): void;
  /** Every broadcast frame as received, when set (WebSocket only): for the frame-size report. */
  onDeliveryFrame?(frame: string): void;
}

export interface BenchConnection {
  /** Joins the room; resolves with the join reply's size in bytes. */
  join(room: string): Promise<number>;
  /** Sends; `onAck` (when given) hears whether the ack said ok. */
  send(room: string, text: string, onAck?: (ok: boolean) => void): void;
  close(): void;
}

/** The sender's timestamp at the start of a message text: `<µs>:xxxx…`. */
export function sentAtFromFrame(frame: string): number {
  const i = frame.indexOf('"text":"');
  return i < 0 ? Number.NaN : Number.parseInt(frame.slice(i + 8, i + 28), 10);
}

export function connect(
  kind: ServerKind,
  transport: Transport,
  url: string,
  name: string,
  handlers: ClientHandlers,
): Promise<BenchConnection> {
  if (kind === 'ws') return connectRawWs(url, handlers);
  if (transport === 'polling') return connectPolling(kind, url, name, handlers);
  return connectSocketIoWs(kind, url, name, handlers);
}

/**
 * The handshake: clients with the same name share one client key, so they are one person (one
 * session) with many connections, as the server allows; distinct names are distinct people.
 */
function handshakeAuth(name: string) {
  return { protocol: PROTOCOL_VERSION, name, clientKey: `bench-key-${name}`.padEnd(22, '0') };
}

const SEND_EVENT = { roomlog: 'message:send', socketio: 'message' } as const;
const JOIN_EVENT = { roomlog: 'room:join', socketio: 'join' } as const;

function ackError(reply: unknown): string | null {
  const r = reply as { ok?: boolean; error?: { code?: string } } | undefined;
  return r && r.ok === false ? (r.error?.code ?? 'ERROR') : null;
}

function sendPayload(kind: 'roomlog' | 'socketio', room: string, text: string) {
  return kind === 'roomlog' ? { room, id: randomUUID(), text } : { room, text };
}

/** Where a Socket.IO session's Engine.IO packets go and come from: a WebSocket, or long-polling. */
interface FrameTransport {
  send(frame: string): void;
  close(): void;
}

/**
 * The Socket.IO side of a client over any {@link FrameTransport}: feed it every Engine.IO packet
 * received (`onFrame`); `connected` resolves once the server accepted the handshake.
 */
function socketIoSession(
  kind: 'roomlog' | 'socketio',
  name: string,
  handlers: ClientHandlers,
  transport: FrameTransport,
): { onFrame(frame: string): void; connected: Promise<BenchConnection> } {
  const acks = new Map<number, (frame: string, at: number) => void>();
  let nextAck = 0;
  const emit = (event: string, payload: unknown, onAck: (frame: string, at: number) => void) => {
    const id = nextAck++;
    acks.set(id, onAck);
    transport.send(`42${id}${JSON.stringify([event, payload])}`);
  };
  const connection: BenchConnection = {
    join: (room) =>
      new Promise((done, fail) =>
        emit(JOIN_EVENT[kind], kind === 'roomlog' ? { room } : room, (f, at) => {
          // Only a refusal carries `"ok":false`: a long member list is not parsed for nothing.
          const refused = f.includes('"ok":false');
          const error = refused ? ackError((JSON.parse(f.slice(at)) as unknown[])[0]) : null;
          if (error) fail(new Error(`join failed: ${error}`));
          else done(Buffer.byteLength(f));
        }),
      ),
    send: (room, text, onAck) =>
      emit(SEND_EVENT[kind], sendPayload(kind, room, text), (f, at) => {
        // Only a refusal carries `"ok":false`; skip parsing the common case.
        const ok = !f.includes('"ok":false');
        if (!ok) handlers.onSendError(ackError((JSON.parse(f.slice(at)) as unknown[])[0]) ?? '?');
        onAck?.(ok);
      }),
    close: () => transport.close(),
  };
  let resolve!: (c: BenchConnection) => void;
  let reject!: (e: Error) => void;
  const connected = new Promise<BenchConnection>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  const onFrame = (frame: string) => {
    if (frame.startsWith('42["message')) {
      handlers.onDeliveryFrame?.(frame);
      return handlers.onDelivery(sentAtFromFrame(frame));
    }
    // Member-list deltas after the join's ack (`member:joined` / `member:left`).
    if (frame.startsWith('42["member:joined') || frame.startsWith('42["member:left'))
      return handlers.onPresenceBytes(Buffer.byteLength(frame));
    if (frame.startsWith('43')) {
      const at = frame.indexOf('[');
      const id = Number(frame.slice(2, at));
      acks.get(id)?.(frame, at);
      acks.delete(id);
    } else if (frame === '2') transport.send('3');
    else if (frame.startsWith('0')) transport.send(`40${JSON.stringify(handshakeAuth(name))}`);
    else if (frame.startsWith('44')) reject(new Error(`connect refused: ${frame}`));
    else if (frame.startsWith('40')) resolve(connection);
  };
  return { onFrame, connected };
}

function connectSocketIoWs(
  kind: 'roomlog' | 'socketio',
  url: string,
  name: string,
  handlers: ClientHandlers,
): Promise<BenchConnection> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    perMessageDeflate: false,
  });
  const session = socketIoSession(kind, name, handlers, {
    send: (frame) => ws.send(frame),
    close: () => ws.close(),
  });
  ws.on('message', (data) => session.onFrame(frameText(data)));
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    session.connected.then(resolve, reject);
  });
}

function connectPolling(
  kind: 'roomlog' | 'socketio',
  url: string,
  name: string,
  handlers: ClientHandlers,
): Promise<BenchConnection> {
  return new Promise((resolve, reject) => {
    const polling = startPolling(url, {
      onFrame: (frame) => session.onFrame(frame),
      onError: reject,
    });
    const session = socketIoSession(kind, name, handlers, polling);
    session.connected.then(resolve, reject);
  });
}

function connectRawWs(url: string, handlers: ClientHandlers): Promise<BenchConnection> {
  const ws = new WebSocket(url.replace(/^http/, 'ws'), { perMessageDeflate: false });
  let joined: ((bytes: number) => void) | undefined;
  ws.on('message', (data) => {
    const frame = frameText(data);
    if (frame.startsWith('{"type":"message"')) {
      handlers.onDeliveryFrame?.(frame);
      handlers.onDelivery(sentAtFromFrame(frame));
    } else if (frame.startsWith('{"type":"joined"')) joined?.(Buffer.byteLength(frame));
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        join: (room) =>
          new Promise((done) => {
            joined = done;
            ws.send(JSON.stringify({ type: 'join', room }));
          }),
        send: (room, text) => ws.send(JSON.stringify({ type: 'message', room, text })),
        close: () => ws.close(),
      }),
    );
  });
}
