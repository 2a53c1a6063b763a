import { defineConfig } from 'vitest/config';
import { preactInPlaceOfReact } from './vite.config.js';

export default defineConfig({
  // Components are tested on what ships: Preact in place of React.
  resolve: { alias: preactInPlaceOfReact },
  test: {
    projects: [
      {
        extends: true,
        // Generous timeouts: under `pnpm test` these share two cores with the API's suites.
        test: {
          name: 'components',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          testTimeout: 30_000,
          setupFiles: ['src/test-setup.ts'],
          // Bundled through Vite so their "react" imports resolve to Preact too.
          server: { deps: { inline: [/@apollo\/client/, /react-intl/, /@studentdesk\/intl/] } },
        },
      },
      {
        // The built portal in real Chromium against the built API, started as a process on a fresh database.
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
