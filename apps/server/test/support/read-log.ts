import { ErrorCode, type Message } from '@roomlog/protocol';
import { connect, request } from './harness.js';

/**
 * A room's whole log as the server holds it, read page by page by a fresh client. Like a real
 * client it waits out RATE_LIMITED (the history budget of an address is shared by every test
 * client on 127.0.0.1, and across nodes through Redis), for at most a minute in all.
 */
export async function readWholeLog(url: string, room: string): Promise<Message[]> {
  const reader = await connect(url, 'auditor');
  const log: Message[] = [];
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      const reply = await request(reader, 'room:history', { room, after: log.length, limit: 200 });
      if (!reply.ok) {
        const { code, message, retryAfter } = reply.error;
        if (code !== ErrorCode.RATE_LIMITED || Date.now() > deadline)
          throw new Error(`room:history failed: ${code} ${message}`);
        await new Promise((resolve) => setTimeout(resolve, retryAfter ?? 1000));
        continue;
      }
      log.push(...reply.data.messages);
      if (!reply.data.hasMore) return log;
    }
  } finally {
    reader.close();
  }
}
