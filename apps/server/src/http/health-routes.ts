import type { FastifyPluginAsync } from 'fastify';
import type { MessageStore } from '../storage/message-store.js';

export interface HealthRoutesOptions {
  nodeId: string;
  store: MessageStore;
  /** Pings Redis on a multi-node set-up; absent on a single node. */
  pingRedis?: (() => Promise<unknown>) | undefined;
  draining: () => boolean;
}

/**
 * `GET /healthz`: liveness (the process answers), with the node id.
 * `GET /readyz`: whether this node should get traffic: storage and Redis answer and it is not
 * draining for a stop; 503 with the reason otherwise. HAProxy checks this one.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- Fastify waits on an async plugin's promise (a sync one must call `done`).
export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (fastify, opts) => {
  fastify.get('/healthz', () => ({ status: 'ok', node: opts.nodeId }));

  fastify.get('/readyz', async (_request, reply) => {
    const notReady = (reason: string) =>
      reply.code(503).send({ status: 'unavailable', node: opts.nodeId, reason });
    if (opts.draining()) return notReady('draining: shutting down');
    try {
      await opts.store.head('readyz');
    } catch (err) {
      fastify.log.error({ err }, 'readiness: storage does not answer');
      return notReady('storage does not answer');
    }
    if (opts.pingRedis) {
      try {
        await opts.pingRedis();
      } catch (err) {
        fastify.log.warn({ err }, 'readiness: redis does not answer');
        return notReady('redis does not answer');
      }
    }
    return { status: 'ok', node: opts.nodeId };
  });
};
