export {
  SocketIoTransport,
  createSocketIoTransport,
  type SessionTokenStorage,
  type RoomlogSocket,
  type SocketIoTransportOptions,
} from './socket-io-transport.js';
export { createLocalStorageOutboxStorage, createMemoryOutboxStorage } from './outbox-storage.js';
export { RoomState } from './room-state.js';
export { SyncClient, type SyncClientOptions } from './sync-client.js';
export type { Backoff, Timers } from './timers.js';
export {
  AckTimeoutError,
  OfflineError,
  type ConnectFailure,
  type Transport,
  type TransportKind,
  type TransportListener,
} from './transport.js';
export type {
  ConnectionView,
  Member,
  OutboxEntry,
  OutboxError,
  OutboxStorage,
  ResumeMarker,
  RoomView,
} from './types.js';
