import { precompiledMessages, precompress, scriptBudget } from '@studentdesk/web-build';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vite';
import { serviceWorker } from './src/service-worker/vite-plugin.js';

const api = process.env.API_URL ?? 'http://localhost:4000';
const preactRoot = dirname(createRequire(import.meta.url).resolve('preact/package.json'));
const preactExports = (JSON.parse(readFileSync(join(preactRoot, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports;
/** The ES module file of a Preact entry point (require.resolve would pick CommonJS where there is one). */
function preact(subpath: string): string {
  const entry = preactExports[subpath] as string | { import?: string; default?: string };
  return join(preactRoot, typeof entry === 'string' ? entry : (entry.import ?? entry.default)!);
}

/**
 * The portal renders with Preact through its React compatibility layer: the same components, hooks
 * and libraries (Apollo Client, react-intl), for about 45 KB less JavaScript than react-dom on a
 * student's phone. Absolute paths, because the workspace packages (intl) import "react" too.
 */
export const preactInPlaceOfReact = [
  { find: /^react-dom\/client$/, replacement: preact('./compat/client') },
  { find: /^react-dom\/test-utils$/, replacement: preact('./test-utils') },
  { find: /^react-dom$/, replacement: preact('./compat') },
  { find: /^react\/jsx-runtime$/, replacement: preact('./jsx-runtime') },
  { find: /^react\/jsx-dev-runtime$/, replacement: preact('./jsx-dev-runtime') },
  { find: /^react$/, replacement: preact('./compat') },
];

export default defineConfig({
  // Issue 19's phone budget: no first view over 100 KB of JavaScript on the wire. The report form
  // and its confirmation work offline (src/service-worker/sw.ts).
  plugins: [
    precompiledMessages({ catalogs: /\/src\/i18n\/messages\/[^/]+\.json$/ }),
    serviceWorker({ offlinePages: ['src/routes/Report.tsx', 'src/routes/ReportSent.tsx'] }),
    precompress(),
    scriptBudget({ kilobytes: 100 }),
  ],
  resolve: { alias: preactInPlaceOfReact },
  server: {
    // One origin in development too, so the httpOnly session cookie reaches the API and its websocket.
    proxy: { '/graphql': { target: api, ws: true, changeOrigin: true }, '/privacy': { target: api, changeOrigin: true } },
  },
  build: { target: 'es2022', sourcemap: true },
});
