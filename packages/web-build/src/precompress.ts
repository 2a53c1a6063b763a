// Brotli and gzip copies of a build's text files, made once at build time at the highest levels
// (too slow per request, free here), so the API sends a phone the smallest file without compressing
// anything while it serves (apps/api/src/web-apps.ts).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** What a copy's file name ends with, by Content-Encoding: the convention (nginx's gzip_static too) apps/api/src/web-apps.ts reads. */
const PRECOMPRESSED_ENCODINGS = { br: '.br', gzip: '.gz' } as const;

/** Not source maps: only developers fetch them, and brotli's top level is slow on megabytes. */
const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Below this, the headers cost more than compression saves. */
const MIN_BYTES = 1024;

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/** Writes `<file>.br` and `<file>.gz` beside each text file of `dir`; returns how many files got copies. */
export function precompressFolder(dir: string): number {
  let compressed = 0;
  for (const file of filesUnder(dir)) {
    if (!TEXT.test(file) || statSync(file).size < MIN_BYTES) continue;
    const content = readFileSync(file);
    const brotli = brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    });
    const gzip = gzipSync(content, { level: 9 });
    // A copy no smaller than the file would only cost the client a decompression.
    if (brotli.length < content.length) writeFileSync(file + PRECOMPRESSED_ENCODINGS.br, brotli);
    if (gzip.length < content.length) writeFileSync(file + PRECOMPRESSED_ENCODINGS.gzip, gzip);
    compressed += 1;
  }
  return compressed;
}

/** The Vite plugin: compresses the finished build's output folder. */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'studentdesk-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressFolder(outDir);
    },
  };
}
