import type { Message } from '@roomlog/protocol';
import type { Outbox } from './outbox.js';
import type { RoomEntry } from './room-entry.js';
import { sendEntry } from './send-entry.js';
import type { TimerSet } from './timers.js';
import type { Transport } from './transport.js';
import type { OutboxEntry } from './types.js';

/** What the sender needs from the sync client. */
export interface OutboxSenderContext {
  outbox: Outbox;
  transport: Transport;
  timers: TimerSet;
  ackTimeoutMs: number;
  retryDelayMs: number;
  /** The room's entry when it is joined on the current connection and caught up. */
  readyRoom(room: string): RoomEntry | undefined;
  /** Runs join + catch-up for a room again. */
  sync(entry: RoomEntry): void;
  /** Messages now in the log: their outbox entries are done. */
  delivered(messages: readonly Message[]): void;
  /** A room whose last pending entry went out. */
  release(entry: RoomEntry): void;
  changed(): void;
}

/** Sends this author's pending entries one at a time, in the order they were typed. */
export class OutboxSender {
  private flushing = false;

  constructor(private readonly ctx: OutboxSenderContext) {}

  /** Sends until nothing can be sent now; a second call while one runs is a no-op. */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (;;) {
        const next = this.ctx.outbox.nextPending((room) => !!this.ctx.readyRoom(room));
        if (!next || !(await this.deliver(next))) break;
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Sends one entry; returns false when flushing must stop until the next (re)join. */
  private async deliver(item: OutboxEntry): Promise<boolean> {
    const { ctx } = this;
    const entry = ctx.readyRoom(item.room);
    if (!entry) return false;
    const outcome = await sendEntry(ctx.transport, item, ctx.ackTimeoutMs);
    switch (outcome.kind) {
      case 'delivered':
        ctx.delivered(entry.absorb([outcome.message]));
        ctx.outbox.remove(item.id);
        ctx.changed();
        if (entry.behind) ctx.sync(entry);
        ctx.release(entry);
        return true;
      case 'retry':
        await ctx.timers.delay(ctx.retryDelayMs);
        return true;
      case 'offline':
        return false;
      case 'rejoin':
        entry.notJoined();
        ctx.sync(entry);
        return false;
      case 'refused':
        ctx.outbox.fail(item.id, outcome.error);
        ctx.changed();
        return true;
    }
  }
}
