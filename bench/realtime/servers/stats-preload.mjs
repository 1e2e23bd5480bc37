// Preloaded (`node --import`) into every server the benchmark starts, Roomlog's built server
// included, so that none of them needs code of its own for measuring: over the fork IPC channel
// it reports the process's CPU time and memory (after a full GC when asked) and can write a heap
// snapshot. Plain JavaScript because Roomlog's server runs under plain `node`.
import v8 from 'node:v8';

process.on(
  'message',
  /** @param {{ type?: string, id?: number, gc?: boolean, heapSnapshot?: string } | undefined} msg */
  (msg) => {
    if (msg?.type !== 'bench:stats') return;
    if (msg.gc && typeof globalThis.gc === 'function') {
      globalThis.gc();
      globalThis.gc();
    }
    const reply = {
      type: 'bench:stats',
      id: msg.id,
      cpu: process.cpuUsage(),
      mem: process.memoryUsage(),
    };
    if (msg.heapSnapshot) reply.heapSnapshot = v8.writeHeapSnapshot(msg.heapSnapshot);
    process.send?.(reply);
  },
);
// Exit cleanly on SIGTERM where the server itself does not (so --cpu-prof writes its profile).
if (process.listenerCount('SIGTERM') === 0) {
  process.once('SIGTERM', () => {
    if (process.listenerCount('SIGTERM') === 0) process.exit(0);
  });
}
