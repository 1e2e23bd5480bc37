import {
  SyncClient,
  createMemoryOutboxStorage,
  createRoomlogSocket,
  type RoomView,
  type SyncClientOptions,
} from '@roomlog/client';

export interface Person {
  client: SyncClient;
  socket: ReturnType<typeof createRoomlogSocket>;
}

/** A real sync client over a real Socket.IO connection, with an in-memory outbox. */
export async function syncPerson(
  url: string,
  name: string,
  options: Partial<SyncClientOptions> & { transports?: ('polling' | 'websocket')[] } = {},
): Promise<Person> {
  const socket = createRoomlogSocket({
    url,
    name,
    transports: options.transports ?? ['websocket'],
  });
  const client = new SyncClient({
    socket,
    outbox: createMemoryOutboxStorage(),
    retryDelayMs: 50,
    ...options,
  });
  await client.start();
  return { client, socket };
}

/** Resolves with the room's view once `predicate` holds (checked after every change). */
export function waitForRoom(
  client: SyncClient,
  room: string,
  predicate: (view: RoomView) => boolean,
  timeoutMs = 20_000,
): Promise<RoomView> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const view = client.getRoom(room);
      if (view && predicate(view)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(view);
      }
    };
    const timer = setTimeout(() => {
      unsubscribe();
      const view = client.getRoom(room);
      reject(
        new Error(
          `timed out waiting for ${room}: status=${view?.status} head=${view?.head} held=${view?.messages.length} pending=${view?.pending.length}`,
        ),
      );
    }, timeoutMs);
    const unsubscribe = client.subscribe(check);
    check();
  });
}

/** Waits until the client is connected. */
export function waitForConnection(
  client: SyncClient,
  state: 'connected' | 'disconnected' = 'connected',
  timeoutMs = 10_000,
) {
  return new Promise<void>((resolve, reject) => {
    const check = () => {
      if (client.connection.state !== state) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`not ${state} after ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = client.subscribe(check);
    check();
  });
}

/** The seqs of a view, for comparing with 1..n. */
export const seqs = (view: RoomView) => view.messages.map((m) => m.seq);
export const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
