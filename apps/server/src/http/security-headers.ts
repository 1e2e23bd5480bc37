import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The CSP hashes of the inline scripts of the web app's page (SvelteKit's bootstrap). */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)]
    .map((match) => match[1] ?? '')
    .filter((script) => script.trim() !== '')
    .map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`);
}

/**
 * No inline script runs but SvelteKit's own bootstrap (by hash); styles may be inline (Svelte
 * sets style attributes); nothing may frame the page; sockets and fetches go to this origin only.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src ${["'self'", ...scriptHashes].join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Security headers on every HTTP answer (pages, assets, the API). */
export const securityHeaders = fp<{ webRoot: string | null }>(
  // eslint-disable-next-line @typescript-eslint/require-await -- Fastify waits on an async plugin's promise (a sync one must call `done`).
  async (fastify, { webRoot }) => {
    const index = webRoot === null ? null : path.join(webRoot, 'index.html');
    const html = index && fs.existsSync(index) ? fs.readFileSync(index, 'utf8') : '';
    const headers = {
      'content-security-policy': contentSecurityPolicy(inlineScriptHashes(html)),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
    };
    fastify.addHook('onRequest', async (_request, reply) => {
      reply.headers(headers);
    });
  },
  { name: 'roomlog-security-headers' },
);
