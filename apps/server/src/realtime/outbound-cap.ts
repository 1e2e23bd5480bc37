import type { EngineConnection } from './coalesce-writes.js';
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

/** What the cap keeps on a watched Engine.IO connection. */
interface QueueCount {
  /** The write buffer counted so far (Engine.IO swaps in a new array when it flushes). */
  buffer: readonly { data?: unknown }[] | null;
  /** How many of its packets are counted, and their bytes. */
  seen: number;
  bytes: number;
  maxBytes: number;
  overflowed: boolean;
  onOverflow(bytes: number): void;
  sizeOf: PacketSizer;
}

const COUNT = Symbol('roomlog.outboundQueue');
type Watched = EngineConnection & { [COUNT]?: QueueCount };

// engine.io's Transport type hides the raw socket (an internal): read through a narrow shape.
const webSocketBuffered = (conn: EngineConnection) =>
  conn.transport.name === 'websocket' ? (conn.transport.socket?.bufferedAmount ?? 0) : 0;

/** Counts the packets queued since the last count; a new write buffer starts from zero. */
function recount(conn: EngineConnection, count: QueueCount): void {
  const buffer = conn.writeBuffer;
  if (buffer !== count.buffer) {
    count.buffer = buffer;
    count.seen = 0;
    count.bytes = 0;
  }
  for (; count.seen < buffer.length; count.seen++) {
    count.bytes += count.sizeOf(buffer[count.seen]?.data);
  }
}

/**
 * The write coalescer's `onQueued` hook: Engine.IO calls it right after queueing each packet for
 * `conn`, so a connection past its cap is cut off at the first packet over it.
 */
export function checkOutboundQueue(conn: EngineConnection): void {
  const count = (conn as Watched)[COUNT];
  if (!count || count.overflowed) return;
  recount(conn, count);
  const total = count.bytes + webSocketBuffered(conn);
  if (total > count.maxBytes) {
    count.overflowed = true;
    count.onOverflow(total);
  }
}

/**
 * Watches what one connection has queued for its client on either transport: Engine.IO's write
 * buffer (long-polling keeps packets there until the next GET; WebSocket while a send is pending)
 * plus the WebSocket's own `bufferedAmount`. Past `maxBytes` it calls `onOverflow` once: a client
 * that answers pings but does not read (blind pongs) is cut off before it can exhaust memory.
 *
 * The count runs in {@link checkOutboundQueue}, which the write coalescer calls as each packet is
 * queued: one function call, instead of two event listeners per connection (docs/benchmarks.md
 * says what that bought). The connection must be attached to that coalescer.
 */
export function watchOutboundQueue(
  socket: RoomlogSocket,
  maxBytes: number,
  onOverflow: (bytes: number) => void,
  sizeOf: PacketSizer = createPacketSizer(),
): OutboundQueue {
  const conn = socket.conn as unknown as Watched;
  const count: QueueCount = {
    buffer: null,
    seen: 0,
    bytes: 0,
    maxBytes,
    overflowed: false,
    onOverflow,
    sizeOf,
  };
  conn[COUNT] = count;
  return {
    bytes() {
      recount(conn, count);
      return count.bytes + webSocketBuffered(conn);
    },
  };
}
