import type { FastifyPluginAsync } from 'fastify';
import type { MessageStore } from '../storage/message-store.js';

/** `GET /healthz`: 200 when the store answers, 503 when it does not. */
export const healthRoutes: FastifyPluginAsync<{ store: MessageStore }> = async (
  fastify,
  { store },
) => {
  fastify.get('/healthz', async (_request, reply) => {
    try {
      await store.head('healthz');
      return { status: 'ok' };
    } catch (err) {
      fastify.log.error({ err }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
};
