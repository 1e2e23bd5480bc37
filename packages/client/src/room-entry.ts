import type { AckError, JoinResult, Message } from '@roomlog/protocol';
import { RoomState } from './room-state.js';
import type { Member, OutboxEntry, ResumeMarker, RoomView } from './types.js';
import { membersOfJoin, withMembers, withMembersAway, withoutMembers } from './member-changes.js';

/**
 * Everything the engine knows about one room. Its state changes only through these methods, and
 * each of them keeps the view fresh: the next `view()` reflects it.
 */
export class RoomEntry {
  /** Joined by the user (not only to deliver its outbox). */
  explicit = false;

  private readonly state = new RoomState();
  private members: readonly Member[] = [];
  private typists: readonly string[] = [];
  private status: RoomView['status'] = 'joining';
  private error: AckError | null = null;
  private markers: readonly ResumeMarker[] = [];
  /** The connection whose join ack succeeded; null when not joined on the current one. */
  private joinedOn: number | null = null;
  /** Broadcasts received while a join is in flight: a first join's page may lack them. */
  private heardWhileJoining: Message[] | null = null;
  /** Member changes broadcast while a join is in flight, replayed over its ack's list. */
  private memberChangesWhileJoining: ((members: readonly Member[]) => Member[])[] | null = null;
  /** The contiguous seq held when a reconnect began; set until its catch-up completes. */
  private resumedFrom: number | undefined;
  private syncing = false;
  private again = false;
  private loadingOlder = false;
  private cached: RoomView | null = null;
  private cachedPending: readonly OutboxEntry[] | null = null;

  constructor(readonly room: string) {}

  // --- reading -------------------------------------------------------------------------------

  isJoinedOn(connection: number): boolean {
    return this.joinedOn === connection;
  }
  get isSyncing(): boolean {
    return this.syncing;
  }
  /** The server has messages this client has not placed in its run. */
  get behind(): boolean {
    return this.state.behind;
  }
  get contiguous(): number {
    return this.state.contiguous;
  }
  get firstSeq(): number {
    return this.state.firstSeq;
  }
  get hasOlder(): boolean {
    return this.state.hasOlder;
  }
  /** The `since` of the next join: the contiguous seq held, once a first join placed us. */
  get since(): number | undefined {
    return this.state.initialized ? this.state.contiguous : undefined;
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
      typing: this.typists,
      hasOlder: this.state.hasOlder,
      markers: this.markers,
    };
    return this.cached;
  }

  // --- the sync pass: one at a time per room ------------------------------------------------

  /** Claims the room's sync pass; false (and a request for one more pass) when one runs. */
  beginSync(): boolean {
    if (this.syncing) {
      this.again = true;
      return false;
    }
    this.syncing = true;
    return true;
  }
  /** Whether another pass was asked for meanwhile (consumes the request). */
  takeAgain(): boolean {
    const again = this.again;
    this.again = false;
    return again;
  }
  endSync(): void {
    this.syncing = false;
    this.again = false;
  }

  // --- changes -------------------------------------------------------------------------------

  /** A join is about to be sent: from now until its ack, broadcasts are also kept aside. */
  joining(): void {
    this.heardWhileJoining = [];
    this.memberChangesWhileJoining = [];
    this.setStatus(this.state.initialized ? 'catching-up' : 'joining');
  }

  /** The join ack on connection `connection`; returns the messages it added to the run. */
  joined(connection: number, since: number | undefined, reply: JoinResult): Message[] {
    const heard = this.heardWhileJoining ?? [];
    this.heardWhileJoining = null;
    this.joinedOn = connection;
    // The ack's list may predate member changes broadcast meanwhile: apply those over it, in order.
    const changes = this.memberChangesWhileJoining ?? [];
    this.memberChangesWhileJoining = null;
    this.members = changes.reduce((members, change) => change(members), membersOfJoin(reply));
    this.touch();
    if (since === undefined || reply.head < since) {
      // First join, or the server's log is shorter than ours (it was wiped): start over — but
      // keep what was broadcast since the join was sent, which the page may not hold.
      this.state.reset(reply.messages, reply.head, since === undefined ? 0 : reply.head);
      this.state.add(heard);
      return [...this.state.messages];
    }
    this.resumedFrom ??= since;
    this.state.observeHead(reply.head);
    return this.state.add(reply.messages);
  }

  joinFailed(error: AckError): void {
    this.heardWhileJoining = null;
    this.memberChangesWhileJoining = null;
    this.status = 'error';
    this.error = error;
    this.touch();
  }

  /** Messages from a broadcast, an ack or a history page; returns those new to the run. */
  absorb(messages: readonly Message[]): Message[] {
    this.heardWhileJoining?.push(...messages);
    const added = this.state.add(messages);
    if (added.length > 0) this.touch();
    return added;
  }

  observeHead(head: number): void {
    if (head <= this.state.head) return;
    this.state.observeHead(head);
    this.touch();
  }

  /** An older page (from `loadOlder`) in front of the run. */
  prepend(messages: readonly Message[]): void {
    this.state.prepend(messages);
    this.touch();
  }

  /** Claims the one `loadOlder` in flight; false when one runs. */
  beginLoadOlder(): boolean {
    if (this.loadingOlder) return false;
    return (this.loadingOlder = true);
  }
  endLoadOlder(): void {
    this.loadingOlder = false;
  }

  catchingUp(): void {
    this.setStatus('catching-up');
  }

  /** Catch-up reached the head: go live, and mark where a reconnect resumed. */
  caughtUp(): void {
    const from = this.resumedFrom;
    this.resumedFrom = undefined;
    const missed = from === undefined ? 0 : this.state.contiguous - from;
    if (from !== undefined && missed > 0) {
      this.markers = [...this.markers, { afterSeq: from, missed }];
      this.touch();
    }
    this.setStatus('live');
  }

  setMembers(members: readonly Member[]): void {
    this.members = members;
    this.touch();
  }

  /** These people's first connection arrived (`member:joined`); the full list came with the join. */
  memberJoined(names: readonly string[]): void {
    this.memberChange((members) => withMembers(members, names));
  }

  /** These people's last connection dropped; kept for a grace period (`member:away`). */
  memberAway(names: readonly string[]): void {
    this.memberChange((members) => withMembersAway(members, names));
  }

  /** These people's last connection left (`member:left`). */
  memberLeft(names: readonly string[]): void {
    this.memberChange((members) => withoutMembers(members, names));
  }

  private memberChange(change: (members: readonly Member[]) => Member[]): void {
    this.memberChangesWhileJoining?.push(change);
    this.setMembers(change(this.members));
  }

  /** `name` is typing (`member:typing`); the engine calls {@link stoppedTyping} when it expires. */
  typing(name: string): void {
    if (this.typists.includes(name)) return;
    this.typists = [...this.typists, name];
    this.touch();
  }

  /** `name` stopped typing: silent for a few seconds, sent their message, or left. */
  stoppedTyping(name: string): void {
    if (!this.typists.includes(name)) return;
    this.typists = this.typists.filter((typist) => typist !== name);
    this.touch();
  }

  /** The connection dropped: not joined any more, and nobody is known to be here. */
  disconnected(): void {
    this.joinedOn = null;
    this.heardWhileJoining = null;
    this.typists = [];
    this.setMembers([]);
  }

  /** The server said the socket is not in the room: join again before sending. */
  notJoined(): void {
    this.joinedOn = null;
  }

  private setStatus(status: RoomView['status']): void {
    if (this.status === status && this.error === null) return;
    this.status = status;
    this.error = null;
    this.touch();
  }

  private touch(): void {
    this.cached = null;
  }
}

function sameEntries(a: readonly OutboxEntry[] | null, b: readonly OutboxEntry[]): boolean {
  return !!a && a.length === b.length && a.every((entry, i) => entry === b[i]);
}
