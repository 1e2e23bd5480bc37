import type { FastifyPluginAsync } from 'fastify';
import { HistoryQuery, RoomName, parsePayload } from '@roomlog/protocol';
import type { Presence } from '../domain/presence.js';
import { listRooms } from '../domain/room-directory.js';
import type { RoomLog } from '../domain/room-log.js';
import type { MessageStore } from '../storage/message-store.js';
import { sendError } from './send-error.js';

export interface RoomRoutesOptions {
  store: MessageStore;
  roomLog: RoomLog;
  presence: Presence;
}

/** The REST view of rooms: the directory and the same history pages as `room:history`. */
export const roomRoutes: FastifyPluginAsync<RoomRoutesOptions> = async (fastify, opts) => {
  fastify.get('/api/rooms', async () => ({ rooms: await listRooms(opts.store, opts.presence) }));

  fastify.get<{ Params: { room: string } }>('/api/rooms/:room/messages', async (request, reply) => {
    const room = parsePayload(RoomName, request.params.room);
    if (!room.ok) return sendError(reply, 400, { ...room.error, code: 'INVALID_ROOM' });
    const query = parsePayload(HistoryQuery, request.query);
    if (!query.ok) return sendError(reply, 400, query.error);
    return { room: room.data, ...(await opts.roomLog.history(room.data, query.data)) };
  });
};
