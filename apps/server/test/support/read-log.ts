import type { Message } from '@roomlog/protocol';
import { connect, expectOk } from './harness.js';

/** A room's whole log as the server holds it, read page by page by a fresh client. */
export async function readWholeLog(url: string, room: string): Promise<Message[]> {
  const reader = await connect(url, 'auditor');
  const log: Message[] = [];
  for (;;) {
    const page = await expectOk(reader, 'room:history', { room, after: log.length, limit: 200 });
    log.push(...page.messages);
    if (!page.hasMore) break;
  }
  reader.close();
  return log;
}
