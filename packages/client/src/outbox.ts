import type { AckError } from '@roomlog/protocol';
import type { OutboxEntry, OutboxStorage } from './types.js';

/** The ordered list of unacknowledged messages, persisted on every change. */
export class Outbox {
  private entries: OutboxEntry[] = [];
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly storage: OutboxStorage) {}

  async load(): Promise<void> {
    const stored = await this.storage.load();
    const known = new Set(this.entries.map((e) => e.id));
    this.entries = [...stored.filter((e) => !known.has(e.id)), ...this.entries];
    // Entries added before the load were saved without the stored ones: save the merged list.
    if (known.size > 0) await this.persist();
  }

  all(): readonly OutboxEntry[] {
    return this.entries;
  }

  forRoom(room: string): OutboxEntry[] {
    return this.entries.filter((e) => e.room === room);
  }

  get(id: string): OutboxEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** The oldest pending entry of a room that may be sent now. */
  nextPending(canSend: (room: string) => boolean): OutboxEntry | undefined {
    return this.entries.find((e) => e.state === 'pending' && canSend(e.room));
  }

  add(entry: OutboxEntry): Promise<void> {
    this.entries = [...this.entries, entry];
    return this.persist();
  }

  /** Removes an entry; returns whether it was there. */
  remove(id: string): boolean {
    if (!this.get(id)) return false;
    this.entries = this.entries.filter((e) => e.id !== id);
    void this.persist();
    return true;
  }

  fail(id: string, error: AckError): void {
    this.update(id, { state: 'failed', error });
  }

  retry(id: string): void {
    this.update(id, { state: 'pending', error: undefined });
  }

  /** Resolves once everything changed so far is saved. */
  flushed(): Promise<void> {
    return this.saving;
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

  // Saves run one after another, each writing the latest entries.
  private persist(): Promise<void> {
    this.saving = this.saving.then(() => this.storage.save(this.entries)).catch(() => undefined);
    return this.saving;
  }
}
