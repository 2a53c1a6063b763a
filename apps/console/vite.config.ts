import react from '@vitejs/plugin-react';
import { precompress } from '@studentdesk/web-build';
import { defineConfig } from 'vite';

// The API serves the built console at /console/ (one origin, so the session cookie just works);
// `pnpm dev` proxies the API for hot reloading.
export default defineConfig({
  base: '/console/',
  plugins: [react(), precompress()],
  build: {
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: their own chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            { name: 'graphql', test: /node_modules[\\/](@apollo|graphql|graphql-ws|rxjs|@wry|optimism)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true }, '/privacy': 'http://127.0.0.1:4000' },
  },
});
