import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const target = process.env.KETENKAART_SERVER ?? 'http://localhost:8080';

/** Dev server proxies the API and the sync websocket to the Ketenkaart server; build goes to dist/. */
export default defineConfig({
  plugins: [react()],
  resolve: {
    // The export renderer's entry point first: the shorter name would match it too.
    alias: [
      {
        find: '@ketenkaart/shared/render',
        replacement: fileURLToPath(new URL('../shared/src/render/index.ts', import.meta.url)),
      },
      { find: '@ketenkaart/shared', replacement: fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
    ],
  },
  server: {
    proxy: {
      '/api': { target },
      '/sync': { target: target.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
});
