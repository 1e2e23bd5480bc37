// A worker thread of sqlite-concurrency.test.ts: its own connection to the shared file, appending
// as fast as it can, so that several writers really contend for the lock.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { createSqliteStore, openSqliteDatabase } from '../../src/storage/sqlite-store.js';
import { must } from './must.js';

const { file, rooms, count, worker } = workerData as {
  file: string;
  rooms: string[];
  count: number;
  worker: number;
};
const store = createSqliteStore(openSqliteDatabase(file));
const seqs: { room: string; seq: number }[] = [];
const port = must(parentPort, 'parent port (this runs as a worker)');
// Wait for the go signal so all workers start together.
port.once('message', () => void appendAll());
port.postMessage('ready');

async function appendAll() {
  for (let i = 0; i < count; i++) {
    const room = must(rooms[i % rooms.length]);
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
  port.postMessage(seqs);
}
