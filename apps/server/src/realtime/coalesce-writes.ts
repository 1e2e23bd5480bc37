import type { Socket as NetSocket } from 'node:net';

/** The part of an Engine.IO connection (`io.engine`'s `connection` event) this touches. */
export interface EngineConnection {
  readyState: string;
  transport: { name: string; socket?: { _socket?: NetSocket; bufferedAmount?: number } };
  /** Packets queued and not yet handed to the transport; Engine.IO swaps in a new array on flush. */
  writeBuffer: { data?: unknown }[];
  // A property, not a method: the coalescer swaps it for its own and calls the original on `this`.
  flush: (this: EngineConnection) => void;
}

export interface WriteCoalescer {
  /**
   * From now on, this connection's flushes go through the coalescer: `onQueued` sees each, and
   * (when coalescing) its WebSocket writes wait for the end of the loop iteration.
   */
  attach(conn: EngineConnection): void;
  /** Writes whatever is still waiting, at once. */
  close(): void;
}

/**
 * Coalesces the WebSocket frames bound for one connection within one event-loop iteration into
 * one socket write. Engine.IO writes every packet as soon as it is queued: one `writev` system
 * call per packet and connection, which is most of a broadcast's CPU (docs/benchmarks.md). Here a
 * WebSocket connection's flush is deferred to the iteration's check phase (`setImmediate`), where
 * its packets go out with the TCP socket corked: one `writev` for all of them. The bytes, their
 * order and every callback are Engine.IO's own; a packet waits at most until the end of the
 * current iteration. Long-polling is left alone (its packets already wait for the next GET).
 *
 * One shared flush function is installed on each connection (no closure per connection). Engine.IO
 * calls it after queueing every packet, so it is also where `onQueued` looks at what was queued
 * (the outbound cap), at no more cost than a function call. `coalesce: false` keeps that and
 * flushes at once, as Engine.IO does (only to measure what coalescing buys).
 */
export function createWriteCoalescer(
  options: { coalesce?: boolean; onQueued?: (conn: EngineConnection) => void } = {},
): WriteCoalescer {
  const { coalesce = true, onQueued } = options;
  // Two sets, swapped: a flush that queues again lands in the next iteration's set.
  let waiting = new Set<EngineConnection>();
  let flushing = new Set<EngineConnection>();
  let immediate: NodeJS.Immediate | null = null;
  let engineFlush: ((this: EngineConnection) => void) | null = null;

  const flushWaiting = () => {
    immediate = null;
    [waiting, flushing] = [flushing, waiting];
    for (const conn of flushing) {
      const raw = conn.transport.name === 'websocket' ? conn.transport.socket?._socket : undefined;
      raw?.cork();
      engineFlush?.call(conn);
      raw?.uncork();
    }
    flushing.clear();
  };

  function deferredFlush(this: EngineConnection): void {
    onQueued?.(this);
    if (!coalesce || this.transport.name !== 'websocket' || this.readyState === 'closed') {
      engineFlush?.call(this);
      return;
    }
    waiting.add(this);
    immediate ??= setImmediate(flushWaiting);
  }

  return {
    attach(conn) {
      engineFlush ??= (Object.getPrototypeOf(conn) as EngineConnection).flush;
      conn.flush = deferredFlush;
    },
    close() {
      if (immediate) clearImmediate(immediate);
      flushWaiting();
    },
  };
}
