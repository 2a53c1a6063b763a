// Builds the service worker (sw.ts) into the root of the build as /sw.js (its scope is the whole
// portal) and writes into it what to keep for offline use: index.html plus the hashed files the first
// view loads and those of the pages named in `offlinePages` (the report form and its confirmation),
// with their imports and styles. The version is a hash of those files, so each build that changes
// them installs a new worker, whose activation deletes the previous build's cache.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The part of a built chunk the list is made from. */
export interface BuiltChunk {
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  /** File names of the chunks it imports statically (loaded with it). */
  imports: string[];
  /** File names of its CSS. */
  css: string[];
}

/** The URLs of the chunks `start` picks, every chunk they import statically, and their CSS. */
export function filesToKeep(chunks: BuiltChunk[], start: (chunk: BuiltChunk) => boolean): string[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const kept = new Set<string>();
  const visit = (chunk: BuiltChunk | undefined) => {
    if (!chunk || kept.has(chunk.fileName)) return;
    kept.add(chunk.fileName);
    chunk.css.forEach((css) => kept.add(css));
    chunk.imports.forEach((name) => visit(byName.get(name)));
  };
  chunks.filter(start).forEach(visit);
  return [...kept].sort().map((name) => `/${name}`);
}

const WORKER_FILE = 'sw.js';
const PLACEHOLDER = '__PRECACHE__';

export function serviceWorker({ offlinePages }: { offlinePages: string[] }): Plugin {
  let root = '';
  return {
    name: 'studentdesk-service-worker',
    apply: 'build',
    // After Vite's HTML plugin, so index.html is in the bundle and part of the version.
    enforce: 'post',
    configResolved(config) {
      root = config.root;
    },
    buildStart() {
      this.emitFile({ type: 'chunk', id: resolve(root, 'src/service-worker/sw.ts'), fileName: WORKER_FILE });
    },
    generateBundle(_options, bundle) {
      const pages = new Set(offlinePages.map((page) => resolve(root, page)));
      const chunks: BuiltChunk[] = [];
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk' || output.fileName === WORKER_FILE) continue;
        chunks.push({
          fileName: output.fileName,
          isEntry: output.isEntry,
          facadeModuleId: output.facadeModuleId,
          imports: output.imports,
          css: [...(output.viteMetadata?.importedCss ?? [])],
        });
      }
      const urls = filesToKeep(chunks, (chunk) => chunk.isEntry || (chunk.facadeModuleId !== null && pages.has(chunk.facadeModuleId)));
      const missing = [...pages].filter((page) => !chunks.some((chunk) => chunk.facadeModuleId === page));
      if (missing.length > 0) this.error(`service worker: no chunk for ${missing.join(', ')} (not a lazily loaded page?)`);
      const html = bundle['index.html'];
      if (html?.type !== 'asset') return this.error('service worker: no index.html in the build');
      const version = createHash('sha256').update(JSON.stringify(urls)).update(html.source).digest('hex').slice(0, 16);
      const worker = bundle[WORKER_FILE];
      if (worker?.type !== 'chunk' || !worker.code.includes(PLACEHOLDER))
        return this.error(`service worker: ${WORKER_FILE} has no ${PLACEHOLDER}`);
      if (worker.imports.length > 0)
        this.error(`service worker: ${WORKER_FILE} imports ${worker.imports.join(', ')}; a classic worker script cannot`);
      worker.code = worker.code.replaceAll(PLACEHOLDER, JSON.stringify({ version, urls }));
    },
  };
}
