import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';

/** `GET /metrics`: Prometheus text format. */
export const metricsRoutes: FastifyPluginAsync<{ registry: Registry }> = async (
  fastify,
  { registry },
) => {
  fastify.get('/metrics', async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
};
