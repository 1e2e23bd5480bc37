import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// `pnpm dev` runs the server on PORT (default 3000) beside this dev server, which forwards the
// socket and the API to it. Vite itself ignores PORT.
const server = `http://localhost:${process.env.PORT ?? 3000}`;

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/socket.io': { target: server, ws: true },
      '/api': server,
      '/healthz': server,
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
  },
});
