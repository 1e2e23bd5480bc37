import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';

/** `GET /metrics`: Prometheus text format. */
export const metricsRoutes: FastifyPluginAsync<{ registry: Registry }> = async (
  fastify,
  { registry },
  // eslint-disable-next-line @typescript-eslint/require-await -- Fastify waits on an async plugin's promise (a sync one must call `done`).
) => {
  fastify.get('/metrics', async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
};
