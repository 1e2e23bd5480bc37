import { announcement, type Heard } from './announce';

/** How long a burst gathers before it is announced. */
export const ANNOUNCE_BATCH_MS = 1000;

/**
 * Gathers new messages and hands one announcement per burst to `say`, so a screen reader hears
 * "12 new messages…" once instead of twelve interruptions. Owns a timer: `close()` it.
 */
export class LiveAnnouncer {
  #queue: Heard[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly say: (text: string) => void,
    private readonly batchMs = ANNOUNCE_BATCH_MS,
  ) {}

  add(messages: readonly Heard[]): void {
    if (messages.length === 0) return;
    this.#queue.push(...messages);
    this.#timer ??= setTimeout(() => this.flush(), this.batchMs);
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const burst = this.#queue;
    this.#queue = [];
    if (burst.length > 0) this.say(announcement(burst));
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#queue = [];
  }
}
