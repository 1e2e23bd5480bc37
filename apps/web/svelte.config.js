import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: the Fastify server serves `build/` and answers deep links such as
    // `/r/general` with the fallback page.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html' }),
    // No inline script runs but SvelteKit's own bootstrap, whose hash SvelteKit adds here. The
    // server sends the same policy as a header (apps/server/src/http/security-headers.ts).
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
      },
    },
  },
};

export default config;
