import type {
  Ack,
  ClientCommand,
  CommandPayload,
  CommandResult,
  MemberChange,
  MemberTyping,
  Message,
} from '@roomlog/protocol';

/** The connection dropped before the ack arrived: the command may or may not have run. */
export class OfflineError extends Error {
  override name = 'OfflineError';
}

/** No ack within the time limit while still connected: the command may or may not have run. */
export class AckTimeoutError extends Error {
  override name = 'AckTimeoutError';
}

/** How the bytes travel while connected, for the UI. */
export type TransportKind = 'websocket' | 'polling';

/** Why a connection attempt failed. */
export interface ConnectFailure {
  message: string;
  /** The server's refusal code (`err.data.code`, e.g. `PROTOCOL_MISMATCH`): final, never retried. */
  code: string | null;
}

/** What a transport tells the engine. */
export interface TransportListener {
  connected(kind: TransportKind): void;
  /** The transport was upgraded (long-polling → WebSocket) while connected. */
  upgraded(kind: TransportKind): void;
  /** The connection is gone (`reason` as Socket.IO names it); the transport does not reconnect. */
  disconnected(reason: string): void;
  connectFailed(failure: ConnectFailure): void;
  messageCreated(message: Message): void;
  /** These people's first connection to the room arrived (the full list came with the join). */
  memberJoined(change: MemberChange): void;
  /** Someone else in the room is typing (throttled by the server; never stored). */
  memberTyping(change: MemberTyping): void;
  /** These people's last connection to the room dropped: reconnecting, within a grace period. */
  memberAway(change: MemberChange): void;
  /** These people's last connection to the room left (or their node died). */
  memberLeft(change: MemberChange): void;
}

/**
 * The narrow connection the sync engine speaks to. It never reconnects by itself: the engine
 * owns reconnection (with back-off), whatever ended the connection. Implemented over Socket.IO
 * by `createSocketIoTransport`, and over a simulated network in the server's simulation test.
 */
export interface Transport {
  readonly connected: boolean;
  /** Sets the one listener (replacing any earlier one); `null` detaches it. */
  listen(listener: TransportListener | null): void;
  /** Starts one connection attempt; the outcome arrives as `connected` or `connectFailed`. */
  connect(): void;
  /** Closes the connection; commands in flight reject with {@link OfflineError}. */
  disconnect(): void;
  /**
   * Sends one command and resolves with its ack. Rejects with {@link OfflineError} when not
   * connected or when the connection drops first (nothing is buffered for a later connection),
   * and with {@link AckTimeoutError} after `timeoutMs`.
   */
  request<E extends ClientCommand>(
    event: E,
    payload: CommandPayload<E>,
    timeoutMs: number,
  ): Promise<Ack<CommandResult<E>>>;
}
