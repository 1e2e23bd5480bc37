import type { AckError, Member } from '@roomlog/protocol';
import { RoomState } from './room-state.js';
import type { OutboxEntry, ResumeMarker, RoomView } from './types.js';

/** What the sync client tracks per room, and the immutable view it hands to the UI. */
export class RoomEntry {
  readonly state = new RoomState();
  members: readonly Member[] = [];
  /** Joined by the user (not only to deliver its outbox). */
  explicit = false;
  /** The connection epoch whose join ack succeeded; null when not joined on this connection. */
  joinedOn: number | null = null;
  syncing = false;
  /** Another sync pass was asked for while one ran. */
  again = false;
  loadingOlder = false;
  /** The contiguous seq held when a reconnect began; set until its catch-up completes. */
  resumedFrom: number | undefined;

  private status: RoomView['status'] = 'joining';
  private error: AckError | null = null;
  private markers: readonly ResumeMarker[] = [];
  private cached: RoomView | null = null;
  private cachedPending: readonly OutboxEntry[] | null = null;

  constructor(readonly room: string) {}

  setStatus(status: RoomView['status']): void {
    if (this.status === status) return;
    this.status = status;
    this.error = null;
    this.touch();
  }

  fail(error: AckError): void {
    this.status = 'error';
    this.error = error;
    this.touch();
  }

  /** Catch-up reached the head: go live, and mark where a reconnect resumed. */
  finishCatchUp(): void {
    const from = this.resumedFrom;
    this.resumedFrom = undefined;
    const missed = from === undefined ? 0 : this.state.contiguous - from;
    if (from !== undefined && missed > 0)
      this.markers = [...this.markers, { afterSeq: from, missed }];
    this.setStatus('live');
    this.touch();
  }

  /** Invalidates the cached view. */
  touch(): void {
    this.cached = null;
  }

  view(pending: readonly OutboxEntry[]): RoomView {
    if (this.cached && sameEntries(this.cachedPending, pending)) return this.cached;
    this.cachedPending = pending;
    this.cached = {
      room: this.room,
      status: this.status,
      error: this.error,
      messages: this.state.messages,
      pending,
      head: this.state.head,
      members: this.members,
      hasOlder: this.state.hasOlder,
      markers: this.markers,
    };
    return this.cached;
  }
}

function sameEntries(a: readonly OutboxEntry[] | null, b: readonly OutboxEntry[]): boolean {
  return !!a && a.length === b.length && a.every((entry, i) => entry === b[i]);
}
