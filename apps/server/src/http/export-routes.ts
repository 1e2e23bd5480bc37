import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { MAX_PAGE_SIZE, RoomName, parsePayload, type Message } from '@roomlog/protocol';
import type { MessageStore } from '../storage/message-store.js';
import { sendError } from './send-error.js';

export interface ExportRoutesOptions {
  store: MessageStore;
  /** How many messages to read from the store at a time. Default: the protocol's page maximum. */
  pageSize?: number;
}

/**
 * A room's whole log as JSON Lines, oldest first, read from the store one page at a time.
 * Pull-driven: the next page is read only when the stream's consumer wants more, so a slow
 * download holds at most a page or two in memory however long the log is.
 */
export async function* exportLines(
  store: MessageStore,
  room: string,
  pageSize: number,
): AsyncGenerator<string> {
  let after = 0;
  for (;;) {
    const page: Message[] = await store.page(room, { after, limit: pageSize });
    const last = page.at(-1);
    if (!last) return;
    yield page.map((message) => `${JSON.stringify(message)}\n`).join('');
    after = last.seq;
    if (page.length < pageSize) return;
  }
}

/** `GET /api/rooms/:room/export`: the room's log as a JSON Lines download. */
// eslint-disable-next-line @typescript-eslint/require-await -- Fastify waits on an async plugin's promise (a sync one must call `done`).
export const exportRoutes: FastifyPluginAsync<ExportRoutesOptions> = async (fastify, opts) => {
  const pageSize = opts.pageSize ?? MAX_PAGE_SIZE;

  fastify.get<{ Params: { room: string } }>('/api/rooms/:room/export', async (request, reply) => {
    const room = parsePayload(RoomName, request.params.room);
    if (!room.ok) return sendError(reply, 400, { ...room.error, code: 'INVALID_ROOM' });
    // Readable.from pulls from the generator only as the socket drains (backpressure).
    const body = Readable.from(exportLines(opts.store, room.data, pageSize), { objectMode: false });
    body.on('error', (err) => request.log.error({ err, room: room.data }, 'export failed'));
    return reply
      .header('content-type', 'application/jsonl; charset=utf-8')
      .header('content-disposition', `attachment; filename="roomlog-${room.data}.jsonl"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
};
