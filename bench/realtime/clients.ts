// The load generator's clients, one interface over the three servers. Over WebSocket they speak
// the wire protocol directly (a ~40-line Engine.IO 4 / Socket.IO 5 client over `ws`), so a
// generator process can receive 100,000+ deliveries/s on a shared 2-core machine; the server
// sees exactly the frames socket.io-client would send. Long-polling uses socket.io-client itself.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { io, type Socket } from 'socket.io-client';
import { frameText } from './frame-text.js';
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

function connectSocketIoWs(
  kind: 'roomlog' | 'socketio',
  url: string,
  name: string,
  handlers: ClientHandlers,
): Promise<BenchConnection> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    perMessageDeflate: false,
  });
  const acks = new Map<number, (frame: string, at: number) => void>();
  let nextAck = 0;
  const emit = (event: string, payload: unknown, onAck: (frame: string, at: number) => void) => {
    const id = nextAck++;
    acks.set(id, onAck);
    ws.send(`42${id}${JSON.stringify([event, payload])}`);
  };
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('message', (data) => {
      const frame = frameText(data);
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
      } else if (frame === '2') ws.send('3');
      else if (frame.startsWith('0')) ws.send(`40${JSON.stringify(handshakeAuth(name))}`);
      else if (frame.startsWith('44')) reject(new Error(`connect refused: ${frame}`));
      else if (frame.startsWith('40')) {
        resolve({
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
              if (!ok)
                handlers.onSendError(ackError((JSON.parse(f.slice(at)) as unknown[])[0]) ?? '?');
              onAck?.(ok);
            }),
          close: () => ws.close(),
        });
      }
    });
  });
}

function connectPolling(
  kind: 'roomlog' | 'socketio',
  url: string,
  name: string,
  handlers: ClientHandlers,
): Promise<BenchConnection> {
  const socket: Socket = io(url, {
    auth: handshakeAuth(name),
    transports: ['polling'],
    forceNew: true,
    reconnection: false,
  });
  const onMessage = (m: { text: string }) =>
    handlers.onDelivery(Number.parseInt(m.text.slice(0, 20), 10));
  socket.on(kind === 'roomlog' ? 'message:created' : 'message', onMessage);
  // Roomlog's member-list traffic after the join's ack: one name per change.
  for (const event of ['member:joined', 'member:left']) {
    socket.on(event, (p: unknown) => handlers.onPresenceBytes(JSON.stringify(p).length));
  }
  return new Promise((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.once('connect', () =>
      resolve({
        join: async (room) => {
          const reply: unknown = await socket.emitWithAck(
            JOIN_EVENT[kind],
            kind === 'roomlog' ? { room } : room,
          );
          const error = ackError(reply);
          if (error) throw new Error(`join failed: ${error}`);
          return JSON.stringify(reply).length;
        },
        send: (room, text, onAck) =>
          socket.emit(SEND_EVENT[kind], sendPayload(kind, room, text), (reply: unknown) => {
            const error = ackError(reply);
            if (error) handlers.onSendError(error);
            onAck?.(!error);
          }),
        close: () => socket.close(),
      }),
    );
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
