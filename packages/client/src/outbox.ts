import type { OutboxEntry, OutboxError, OutboxStorage } from './types.js';

/**
 * The ordered list of unacknowledged messages of every name used in this browser, persisted on
 * every change. Only `author`'s entries are shown and sent; the others wait for their name.
 */
export class Outbox {
  private entries: OutboxEntry[] = [];
  private saving: Promise<void> = Promise.resolve();

  /** `onStorageError` hears every failed load or save (with null once a save succeeds again). */
  constructor(
    private readonly storage: OutboxStorage,
    private readonly author: string,
    private readonly onStorageError: (error: string | null) => void = () => undefined,
  ) {}

  async load(): Promise<void> {
    let stored: OutboxEntry[];
    try {
      stored = await this.storage.load();
    } catch (err) {
      this.onStorageError(`Could not read the messages saved in this browser: ${describe(err)}`);
      return;
    }
    const known = new Set(this.entries.map((e) => e.id));
    this.entries = [...stored.filter((e) => !known.has(e.id)).map(claimable), ...this.entries];
    // Entries added before the load were saved without the stored ones: save the merged list.
    if (known.size > 0) await this.persist();
  }

  /** This author's entries, in the order they were typed. */
  mine(): readonly OutboxEntry[] {
    return this.entries.filter((e) => this.isMine(e));
  }

  forRoom(room: string): OutboxEntry[] {
    return this.entries.filter((e) => e.room === room && this.isMine(e));
  }

  get(id: string): OutboxEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** The oldest pending entry of this author that may be sent now. */
  nextPending(canSend: (room: string) => boolean): OutboxEntry | undefined {
    return this.entries.find(
      (e) => e.state === 'pending' && e.author === this.author && canSend(e.room),
    );
  }

  add(entry: OutboxEntry): Promise<void> {
    this.entries = [...this.entries, entry];
    return this.persist();
  }

  /** Removes an entry (of any author: it was delivered); returns whether it was there. */
  remove(id: string): boolean {
    if (!this.get(id)) return false;
    this.entries = this.entries.filter((e) => e.id !== id);
    void this.persist();
    return true;
  }

  fail(id: string, error: OutboxError): void {
    this.update(id, { state: 'failed', error });
  }

  /** Makes a failed entry pending again (claiming it for this author if it had none). */
  retry(id: string): void {
    this.update(id, { state: 'pending', error: undefined, author: this.author });
  }

  /** Resolves once everything changed so far is saved (or failed to be). */
  flushed(): Promise<void> {
    return this.saving;
  }

  private isMine(entry: OutboxEntry): boolean {
    return entry.author === this.author || entry.author === '';
  }

  private update(id: string, patch: Partial<OutboxEntry>): void {
    this.entries = this.entries.map((e) => {
      if (e.id !== id) return e;
      const next = { ...e, ...patch };
      if (next.error === undefined) delete next.error;
      return next;
    });
    void this.persist();
  }

  // Saves run one after another, each writing the latest entries. A failure (a full quota) is
  // reported: the entries stay in memory and are sent, but would not survive a reload.
  private persist(): Promise<void> {
    this.saving = this.saving.then(async () => {
      try {
        await this.storage.save(this.entries);
        this.onStorageError(null);
      } catch (err) {
        this.onStorageError(`Could not save unsent messages in this browser: ${describe(err)}`);
      }
    });
    return this.saving;
  }
}

// An entry stored before authors were recorded is nobody's: it waits, failed, for a Retry.
function claimable(entry: OutboxEntry): OutboxEntry {
  if (typeof entry.author === 'string' && entry.author !== '') return entry;
  return {
    ...entry,
    author: '',
    state: 'failed',
    error: {
      code: 'UNKNOWN_AUTHOR',
      message: 'Saved without its author: Retry sends it under your name.',
    },
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
