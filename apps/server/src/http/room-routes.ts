import type { FastifyPluginAsync } from 'fastify';
import {
  HistoryQuery,
  ROOMS_PAGE_DEFAULT,
  RoomName,
  RoomsQuery,
  parsePayload,
} from '@roomlog/protocol';
import type { RoomDirectory } from '../domain/room-directory.js';
import type { RoomLog } from '../domain/room-log.js';
import { sendError } from './send-error.js';

export interface RoomRoutesOptions {
  roomLog: RoomLog;
  directory: RoomDirectory;
}

/** The REST view of rooms: the directory (paginated) and the same history pages as `room:history`. */
// eslint-disable-next-line @typescript-eslint/require-await -- Fastify waits on an async plugin's promise (a sync one must call `done`).
export const roomRoutes: FastifyPluginAsync<RoomRoutesOptions> = async (fastify, opts) => {
  fastify.get('/api/rooms', async (request, reply) => {
    const query = parsePayload(RoomsQuery, request.query);
    if (!query.ok) return sendError(reply, 400, query.error);
    return opts.directory.page(query.data.offset ?? 0, query.data.limit ?? ROOMS_PAGE_DEFAULT);
  });

  fastify.get<{ Params: { room: string } }>('/api/rooms/:room/messages', async (request, reply) => {
    const room = parsePayload(RoomName, request.params.room);
    if (!room.ok) return sendError(reply, 400, { ...room.error, code: 'INVALID_ROOM' });
    const query = parsePayload(HistoryQuery, request.query);
    if (!query.ok) return sendError(reply, 400, query.error);
    return { room: room.data, ...(await opts.roomLog.history(room.data, query.data)) };
  });
};
