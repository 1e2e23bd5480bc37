export {
  createRoomlogSocket,
  type CreateSocketOptions,
  type SessionTokenStorage,
  type RoomlogSocket,
} from './create-socket.js';
export { createLocalStorageOutboxStorage, createMemoryOutboxStorage } from './outbox-storage.js';
export { AckTimeoutError, OfflineError } from './request.js';
export { RoomState } from './room-state.js';
export { SyncClient, type SyncClientOptions } from './sync-client.js';
export type {
  ConnectionView,
  OutboxEntry,
  OutboxStorage,
  ResumeMarker,
  RoomView,
} from './types.js';
