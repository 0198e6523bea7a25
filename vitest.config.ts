import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const shared = fileURLToPath(new URL('./shared/src/index.ts', import.meta.url));
const sharedNodeElk = fileURLToPath(new URL('./shared/src/node-elk.ts', import.meta.url));
const sharedRender = fileURLToPath(new URL('./shared/src/render/index.ts', import.meta.url));

/** One vitest run, one project per package; tests import @ketenkaart/shared from source. */
export default defineConfig({
  // The entry points `@ketenkaart/shared/node-elk` and `/render` first: the shorter name would match them too.
  resolve: {
    alias: [
      { find: '@ketenkaart/shared/node-elk', replacement: sharedNodeElk },
      { find: '@ketenkaart/shared/render', replacement: sharedRender },
      { find: '@ketenkaart/shared', replacement: shared },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'shared', include: ['shared/test/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['server/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // SV-O6: after each file, no token in any line its servers logged.
          setupFiles: ['server/test/log-check.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'client',
          include: ['client/test/**/*.test.ts', 'client/test/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
