import type { Message } from '@roomlog/protocol';

/**
 * One room's log as a client holds it: a contiguous run of seqs `[first..contiguous]`, plus
 * messages that arrived ahead of a gap, held back until the gap is filled. Pure data, no I/O.
 */
export class RoomState {
  /** The contiguous run, in seq order, each seq once. Replaced (never mutated) on change. */
  messages: readonly Message[] = [];
  /** The newest seq the server has reported. */
  head = 0;
  /** Messages received ahead of a gap, by seq. */
  private readonly ahead = new Map<number, Message>();
  /** False until the first join ack: then we know where the log starts for us. */
  initialized = false;

  /** The highest seq held without a gap (0 when nothing is held yet). */
  get contiguous(): number {
    return this.messages[this.messages.length - 1]?.seq ?? this.base;
  }

  /** The seq of the first message held (or the one that would come next when none is held). */
  get firstSeq(): number {
    return this.messages[0]?.seq ?? this.base + 1;
  }

  /** Older messages exist before the first one held. */
  get hasOlder(): boolean {
    return this.firstSeq > 1;
  }

  /** True while the server has messages this client has not placed in its run. */
  get behind(): boolean {
    return this.contiguous < this.head;
  }

  // The seq just before the run; used while the run is empty (joined past an empty page).
  private base = 0;

  /**
   * Starts over from a join page (oldest first). An empty page starts after `emptyFrom`: 0 for a
   * first join (the room was empty when the page was read, so every seq up to `head` is news —
   * the server reads the head after the page), or the head when the log is known to be shorter
   * than what was held.
   */
  reset(page: readonly Message[], head: number, emptyFrom = 0): void {
    this.ahead.clear();
    this.messages = [];
    const first = page[0];
    this.base = first ? first.seq - 1 : Math.min(emptyFrom, head);
    this.head = head;
    this.initialized = true;
    this.add(page);
  }

  /** Adds messages from any source (join page, history page, broadcast, ack); returns those that were new. */
  add(incoming: readonly Message[]): Message[] {
    const added: Message[] = [];
    for (const message of incoming) {
      if (message.seq > this.head) this.head = message.seq;
      if (message.seq > this.contiguous) this.ahead.set(message.seq, message);
    }
    let expected = this.contiguous + 1;
    for (let next = this.ahead.get(expected); next; next = this.ahead.get(++expected)) {
      this.ahead.delete(expected);
      added.push(next);
    }
    if (added.length > 0) this.messages = [...this.messages, ...added];
    return added;
  }

  /** Notes the head the server reported. */
  observeHead(head: number): void {
    if (head > this.head) this.head = head;
  }

  /** Puts an older page (oldest first) in front of the run; keeps only what joins up with it. */
  prepend(page: readonly Message[]): void {
    const older: Message[] = [];
    let expected = this.firstSeq - 1;
    for (let i = page.length - 1; i >= 0; i--) {
      const message = page[i];
      if (!message || message.seq > expected) continue;
      if (message.seq < expected) break;
      older.unshift(message);
      expected--;
    }
    if (older.length === 0) return;
    const [first] = older;
    if (this.messages.length === 0 && first) this.base = first.seq - 1;
    this.messages = [...older, ...this.messages];
  }
}
