import type { FastifyReply } from 'fastify';
import type { AckError } from '@roomlog/protocol';

/** Every HTTP error body has the same shape as an ack's error: `{ error: { code, message } }`. */
export function sendError(reply: FastifyReply, status: number, error: AckError) {
  return reply.code(status).send({ error });
}
