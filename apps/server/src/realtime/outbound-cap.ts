import type { RoomlogSocket } from './types.js';

/** The bytes of a packet's data. */
export type PacketSizer = (data: unknown) => number;

/**
 * A {@link PacketSizer} shared by a server's connections. A broadcast hands the same encoded
 * string to every member's connection in turn, so the last string's size is remembered: a room of
 * 1,000 costs one UTF-8 count per message, not 1,000.
 */
export function createPacketSizer(): PacketSizer {
  let lastString = '';
  let lastBytes = 0;
  return (data) => {
    if (typeof data === 'string') {
      if (data !== lastString) {
        lastString = data;
        lastBytes = Buffer.byteLength(data);
      }
      return lastBytes;
    }
    if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
    return 0;
  };
}

/** The outbound bytes a connection has queued but the client has not taken yet. */
export interface OutboundQueue {
  bytes(this: void): number;
}

/**
 * Watches what one connection has queued for its client on either transport: Engine.IO's write
 * buffer (long-polling keeps packets there until the next GET; WebSocket while a send is pending)
 * plus the WebSocket's own `bufferedAmount`. Past `maxBytes` it calls `onOverflow` once: a client
 * that answers pings but does not read (blind pongs) is cut off before it can exhaust memory.
 */
export function watchOutboundQueue(
  socket: RoomlogSocket,
  maxBytes: number,
  onOverflow: (bytes: number) => void,
  sizeOf: PacketSizer = createPacketSizer(),
): OutboundQueue {
  const conn = socket.conn;
  let buffered = 0; // bytes in conn.writeBuffer
  let overflowed = false;

  const webSocketBuffered = () => {
    // engine.io's Transport type hides the raw socket (an internal): read it through a narrow shape.
    const transport = conn.transport as unknown as {
      name: string;
      socket?: { bufferedAmount?: number };
    };
    return transport.name === 'websocket' ? (transport.socket?.bufferedAmount ?? 0) : 0;
  };
  const bytes = () => buffered + webSocketBuffered();

  conn.on('packetCreate', (packet: { data?: unknown }) => {
    buffered += sizeOf(packet.data);
    if (!overflowed && bytes() > maxBytes) {
      overflowed = true;
      onOverflow(bytes());
    }
  });
  // The write buffer was handed to the transport (a GET took it, or the WebSocket sent it).
  conn.on('flush', () => {
    buffered = 0;
  });
  return { bytes };
}
