import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './send-error.js';

/** 4xx keep their message (the client's fault, e.g. bad JSON); 5xx are logged and hidden. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  if (status < 500) {
    return sendError(reply, status, { code: 'INVALID_PAYLOAD', message: error.message });
  }
  request.log.error({ err: error }, 'request failed');
  return sendError(reply, 500, { code: 'INTERNAL', message: 'Internal server error' });
}
