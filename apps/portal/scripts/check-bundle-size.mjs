// Fails the build when the JavaScript a first visit loads (the entry script and the modules it
// preloads) exceeds 200 KB gzipped, the portal's budget for slow phones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 200 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map(
  (match) => match[1] ?? match[2],
);
if (scripts.length === 0) throw new Error('no script found in dist/index.html');
let total = 0;
for (const script of scripts) {
  const size = gzipSync(readFileSync(join(dist, script)), { level: 9 }).length;
  total += size;
  console.log(`  ${script}  ${(size / 1024).toFixed(1)} KB gzipped`);
}
console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)`);
if (total > BUDGET_BYTES) {
  console.error('over budget: lazy-load a route or drop a dependency');
  process.exit(1);
}
