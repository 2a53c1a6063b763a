// Builds GraphiQL into dist/graphiql, served by the API at /graphiql/ (src/graphiql.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/graphiql/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/graphiql', import.meta.url)),
    emptyOutDir: true,
    // Monaco is large by nature; it is served with long-lived caching from our own origin.
    chunkSizeWarningLimit: 5000,
    rollupOptions: {
      // React libraries mark modules "use client", meaningless in a plain bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
