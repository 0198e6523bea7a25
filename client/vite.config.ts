import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const target = process.env.KETENKAART_SERVER ?? 'http://localhost:8080';

/**
 * Dev server proxies the API and the sync websocket to the Ketenkaart server; build goes to dist/.
 * The build's URLs are relative (`./assets/…`): the server makes index.html's absolute under its
 * `BASE_PATH`, and everything else resolves against the file that names it (rule CL-O10).
 * vite-plugin-pwa builds the service worker from `sw/sw.ts` with the precache manifest of this
 * build written in, and the web manifest (rule CL-O11); `main.tsx` registers the worker once the page is shown (CL-Z4).
 */
export default defineConfig(({ command }) => ({
  base: command === 'build' ? './' : '/',
  plugins: [
    react(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      manifest: {
        name: 'Ketenkaart',
        short_name: 'Ketenkaart',
        description: 'Teken samen een ketenkaart: partners, processtappen en koppelvlakken.',
        lang: 'nl',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0969da',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // The plugin adds the web manifest and its icons itself.
        globPatterns: ['**/*.{js,css,html,svg,woff2}'],
        // ELK's worker (1.6 MB) is precached too, so a layout works offline.
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
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
  // The manifest tells scripts/bundle-size.mjs and the budget test which chunks each page loads.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    manifest: true,
    rolldownOptions: {
      // Shared's modules only define things (its SPEC: pure functions, no side effects), so what a
      // page does not use of them is left out: a view link does not load the edit ops' zod
      // schemas just because the barrel names them (rule CL-Z1).
      treeshake: { moduleSideEffects: [{ test: /[\\/]shared[\\/]src[\\/]/, sideEffects: false }] },
    },
  },
}));
