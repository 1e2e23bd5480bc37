import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { sendError } from './send-error.js';

/**
 * Serves the built SvelteKit app (adapter-static) and answers every other GET that wants a page
 * with its `index.html` fallback, so deep links like `/r/general` survive a reload.
 */
export const webAppRoutes: FastifyPluginAsync<{ webRoot: string | null }> = async (
  fastify,
  { webRoot },
) => {
  const hasApp = webRoot !== null && fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasApp) {
    await fastify.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      setHeaders(reply, file) {
        // Vite's hashed assets never change under the same name.
        if (file.includes(`${path.sep}_app${path.sep}immutable${path.sep}`)) {
          reply.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  } else {
    fastify.log.warn({ webRoot }, 'web app not built: serving the API only');
  }

  fastify.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      request.headers.accept?.includes('text/html');
    if (hasApp && wantsPage) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, 404, {
      code: 'NOT_FOUND',
      message: `${request.method} ${request.url} not found`,
    });
  });
};
