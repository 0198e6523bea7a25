import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const target = process.env.KETENKAART_SERVER ?? 'http://localhost:8080';

/**
 * Dev server proxies the API and the sync websocket to the Ketenkaart server; build goes to dist/.
 * The build's URLs are relative (`./assets/…`): the server makes index.html's absolute under its
 * `BASE_PATH`, and everything else resolves against the file that names it (rule CL-O10).
 */
export default defineConfig(({ command }) => ({
  base: command === 'build' ? './' : '/',
  plugins: [react()],
  resolve: {
    alias: { '@ketenkaart/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': { target },
      '/sync': { target: target.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
}));
