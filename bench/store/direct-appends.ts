// Acknowledged appends per second on the store itself (no sockets): `senders` concurrent callers,
// each awaiting `store.append` and issuing the next as soon as it resolves — the shape of
// concurrent `message:send`s once the socket layer is taken away. A resolved append is an
// acknowledged one: it resolves only after its commit. Measures SQLite with group commit (the
// default) against one transaction per append (`groupCommit: false`, the store before group
// commit) in the same run, at both durability settings, and the in-memory store as the ceiling.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createMemoryStore,
  createSqliteStore,
  openSqliteDatabase,
  type MessageStore,
  type SqliteStoreOptions,
} from '@roomlog/server';

export interface DirectVariant {
  label: string;
  open(dir: string): MessageStore;
}

const sqlite = (label: string, options: SqliteStoreOptions): DirectVariant => ({
  label,
  open: (dir) => createSqliteStore(openSqliteDatabase(path.join(dir, 'bench.db')), options),
});

export const directVariants: DirectVariant[] = [
  sqlite('SQLite NORMAL, group commit (default)', { synchronous: 'NORMAL' }),
  sqlite('SQLite NORMAL, one transaction per append (before)', {
    synchronous: 'NORMAL',
    groupCommit: false,
  }),
  sqlite('SQLite FULL, group commit', { synchronous: 'FULL' }),
  sqlite('SQLite FULL, one transaction per append (before)', {
    synchronous: 'FULL',
    groupCommit: false,
  }),
  { label: 'memory (no durability; the ceiling)', open: () => createMemoryStore() },
];

export interface DirectResult {
  perSecond: number;
  /** Process CPU (user + system) per acknowledged append over the whole run, µs. */
  cpuUsPerAck: number;
  /** Latency from calling append to its resolution, ms. */
  latencies: number[];
}

/** `senders` concurrent callers spread over `rooms` rooms for `windowMs` after a 300 ms warm-up. */
export async function directAppends(
  variant: DirectVariant,
  rooms: number,
  senders: number,
  windowMs: number,
): Promise<DirectResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roomlog-direct-'));
  const store = variant.open(dir);
  const text = 'x'.repeat(100);
  // Deadline-driven, not timer-driven: one transaction per append resolves synchronously, so its
  // senders never yield to the event loop and a timer would never fire.
  const begin = performance.now() + 300;
  const stop = begin + windowMs;
  let acked = 0;
  let total = 0;
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const sender = async (s: number) => {
    const room = `room-${s % rooms}`;
    while (performance.now() < stop) {
      const t = performance.now();
      await store.append({
        room,
        id: randomUUID(),
        author: 'bench',
        text,
        at: new Date().toISOString(),
      });
      const done = performance.now();
      total += 1;
      // Counted: the acks that arrived inside the window.
      if (done >= begin && done < stop) {
        acked += 1;
        latencies.push(done - t);
      }
    }
  };
  await Promise.all(Array.from({ length: senders }, (_, s) => sender(s)));
  const used = process.cpuUsage(cpu);
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    perSecond: (acked / windowMs) * 1000,
    // Over the whole run (warm-up included): a synchronous store gives no moment to sample at.
    cpuUsPerAck: (used.user + used.system) / total,
    latencies,
  };
}
