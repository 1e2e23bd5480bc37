// Run as a child process by sync-faults.test.ts: connects a sync client, leaves a command in
// flight, calls close(), and prints what happened. The process must then exit by itself.
import { SyncClient, createMemoryOutboxStorage, createSocketIoTransport } from '@roomlog/client';

const url = process.argv[2];
const transport = createSocketIoTransport({ url, name: 'closer', transports: ['websocket'] });
const client = new SyncClient({
  transport,
  name: 'closer',
  outbox: createMemoryOutboxStorage(),
  ackTimeoutMs: 10_000,
});
await client.start();
client.join('stalled');
await new Promise((resolve) => {
  const off = client.subscribe(() => {
    if (client.getRoom('stalled')?.status === 'live') {
      off();
      resolve();
    }
  });
});
client.send('stalled', 'never acked');
await new Promise((r) => setTimeout(r, 200));
client.close();
console.log(`closed at ${Date.now()}`);
