import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { sendError } from './send-error.js';

// Paths the app never renders: the API, Socket.IO, and SvelteKit's own build output.
const NOT_PAGES = ['/api/', '/socket.io/', '/_app/'];
// A last segment with an extension names a file (`/favicon.ico`, `/x.js`): a miss stays a 404
// rather than an HTML page under a script's or an image's name.
const FILE_NAME = /\.[a-z0-9]+$/i;

/**
 * Whether a request that matched no file wants the app: any GET or HEAD of a page path, whatever
 * its Accept header (curl, link unfurlers and some proxies send none).
 */
export function isPagePath(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const pathname = url.split('?', 1)[0] ?? '/';
  if (NOT_PAGES.some((prefix) => pathname.startsWith(prefix))) return false;
  return !FILE_NAME.test(pathname);
}

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
    if (hasApp && isPagePath(request.method, request.url)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, 404, {
      code: 'NOT_FOUND',
      message: `${request.method} ${request.url} not found`,
    });
  });
};
