import { MAX_PAGE_SIZE, type Message } from '@roomlog/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../src/storage/memory-store.js';
import type { MessageStore, PageQuery } from '../src/storage/message-store.js';
import { connect, expectOk, startServer, type RunningServer } from './support/harness.js';
import { must } from './support/must.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A real memory store that records every page read from it. */
function countingStore(): { store: MessageStore; pages: PageQuery[] } {
  const inner = createMemoryStore();
  const pages: PageQuery[] = [];
  const store: MessageStore = {
    append: (message) => inner.append(message),
    head: (room) => inner.head(room),
    rooms: () => inner.rooms(),
    close: () => inner.close(),
    page: (room, query) => {
      pages.push(query);
      return inner.page(room, query);
    },
  };
  return { store, pages };
}

async function fill(store: MessageStore, room: string, count: number, text: string) {
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  for (let i = 1; i <= count; i++) {
    await store.append({
      room,
      id: crypto.randomUUID(),
      author: `user${i % 7}`,
      text: `${i} ${text}`,
      at,
    });
  }
}

describe('GET /api/rooms/:room/export', () => {
  it('streams the log as JSON Lines, oldest first, as a download', async () => {
    server = await startServer();
    const alice = await connect(server.url, 'alice');
    await expectOk(alice, 'room:join', { room: 'general' });
    for (const text of ['one', 'two "quoted"', 'three\nlines']) {
      await expectOk(alice, 'message:send', { room: 'general', id: crypto.randomUUID(), text });
    }
    const res = await fetch(`${server.url}/api/rooms/General/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/jsonl; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="roomlog-general.jsonl"',
    );
    const body = await res.text();
    expect(body.endsWith('\n')).toBe(true);
    const lines = body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Message);
    expect(lines.map((m) => [m.seq, m.author, m.text])).toEqual([
      [1, 'alice', 'one'],
      [2, 'alice', 'two "quoted"'],
      [3, 'alice', 'three\nlines'],
    ]);
    alice.close();
  });

  it('answers an empty room with an empty body and a bad name with INVALID_ROOM', async () => {
    server = await startServer();
    const empty = await fetch(`${server.url}/api/rooms/nobody-here/export`);
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe('');
    const bad = await fetch(`${server.url}/api/rooms/${encodeURIComponent('no spaces!')}/export`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_ROOM');
  });

  it('streams 100,000 messages page by page, reading ahead only as the download drains', async () => {
    const total = 100_000;
    const { store, pages } = countingStore();
    // ~300 bytes a line: a 30 MB download.
    await fill(store, 'big', total, 'x'.repeat(200));
    server = await startServer(undefined, { store });
    const heapBefore = process.memoryUsage().heapUsed;

    const res = await fetch(`${server.url}/api/rooms/big/export`);
    expect(res.status).toBe(200);
    const reader: ReadableStreamDefaultReader<Uint8Array> = must(res.body).getReader();
    const decoder = new TextDecoder();
    let first = await reader.read();
    expect(first.done).toBe(false);

    // Stop reading: once the socket's buffers are full, the server must stop reading the store
    // too. Wait until the count of pages read stands still (for 400 ms), then check where.
    let pagesWhilePaused = -1;
    for (let waited = 0; waited < 10_000 && pages.length !== pagesWhilePaused; waited += 400) {
      pagesWhilePaused = pages.length;
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    const totalPages = Math.ceil(total / MAX_PAGE_SIZE);

    let tail = decoder.decode(first.value, { stream: true });
    let lines = 0;
    let lastSeq = 0;
    let peakHeap = 0;
    for (;;) {
      const parts = tail.split('\n');
      tail = must(parts.pop());
      for (const line of parts) {
        const seq = (JSON.parse(line) as Message).seq;
        expect(seq).toBe(lastSeq + 1);
        lastSeq = seq;
        lines++;
      }
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - heapBefore);
      first = await reader.read();
      if (first.done) break;
      tail += decoder.decode(first.value, { stream: true });
    }
    expect(tail).toBe('');
    expect(lines).toBe(total);

    // Read in pages of at most MAX_PAGE_SIZE, each after the last seq of the one before (the
    // last, full page is followed by one empty read).
    expect(pages.every((q) => q.limit === MAX_PAGE_SIZE && q.before === undefined)).toBe(true);
    expect(pages.map((q) => q.after)).toEqual(
      Array.from({ length: totalPages + 1 }, (_, i) => i * MAX_PAGE_SIZE),
    );
    // While nobody read, the socket's buffers filled (a few MB here) and the reading stopped,
    // far short of the end.
    console.log(
      `export: ${pagesWhilePaused}/${totalPages} pages read while the client paused; ` +
        `peak heap growth ${(peakHeap / 1e6).toFixed(1)} MB for a ${((total * 300) / 1e6).toFixed(0)} MB log`,
    );
    expect(pagesWhilePaused).toBeLessThan(totalPages / 2);
  }, 120_000);
});
