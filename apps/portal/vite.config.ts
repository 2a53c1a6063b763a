import react from '@vitejs/plugin-react';
import { precompress } from '@studentdesk/web-build';
import { defineConfig } from 'vite';
import { serviceWorker } from './src/service-worker/vite-plugin.js';

const api = process.env.API_URL ?? 'http://localhost:4000';

export default defineConfig({
  // The report form and its confirmation work offline (src/service-worker/sw.ts).
  plugins: [react(), serviceWorker({ offlinePages: ['src/routes/Report.tsx', 'src/routes/ReportSent.tsx'] }), precompress()],
  server: {
    // One origin in development too, so the httpOnly session cookie reaches the API and its websocket.
    proxy: { '/graphql': { target: api, ws: true, changeOrigin: true }, '/privacy': { target: api, changeOrigin: true } },
  },
  build: { target: 'es2022', sourcemap: true },
});
