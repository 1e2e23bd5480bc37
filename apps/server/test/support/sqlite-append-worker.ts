// A worker thread of sqlite-concurrency.test.ts: its own connection to the shared file, appending
// as fast as it can, so that several writers really contend for the lock.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { createSqliteStore, openSqliteDatabase } from '../../src/storage/sqlite-store.js';

const { file, rooms, count, worker } = workerData as {
  file: string;
  rooms: string[];
  count: number;
  worker: number;
};
const store = createSqliteStore(openSqliteDatabase(file));
const seqs: { room: string; seq: number }[] = [];
// Wait for the go signal so all workers start together.
parentPort!.once('message', async () => {
  for (let i = 0; i < count; i++) {
    const room = rooms[i % rooms.length]!;
    const { message } = await store.append({
      room,
      id: randomUUID(),
      author: `w${worker}`,
      text: `w${worker}-${i}`,
      at: new Date().toISOString(),
    });
    seqs.push({ room, seq: message.seq });
  }
  await store.close();
  parentPort!.postMessage(seqs);
});
parentPort!.postMessage('ready');
