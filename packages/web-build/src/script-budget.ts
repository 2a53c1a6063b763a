// The build fails when a first view would make a phone download more JavaScript than the budget:
// the entry with everything it imports, plus, for each page loaded on demand, that page's chunks.
// Sizes are brotli at the level the build serves (precompress.ts), since that is what crosses the wire.
import { brotliCompressSync, constants } from 'node:zlib';
import type { Plugin } from 'vite';

/** The part of a bundle chunk the budget reads. */
export interface ScriptChunk {
  fileName: string;
  code: string;
  isEntry: boolean;
  isDynamicEntry: boolean;
  imports: string[];
}

export interface FirstView {
  /** The dynamic entry's file name (a page), or the entry's for the bare shell. */
  name: string;
  files: string[];
  bytes: number;
}

const brotliSize = (code: string) =>
  brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }).length;

/** Each first view a visit can load: the entry alone, and the entry with each on-demand page. */
export function firstViews(chunks: ScriptChunk[], sizeOf: (code: string) => number = brotliSize): FirstView[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const sizes = new Map<string, number>();
  const size = (file: string) => {
    if (!sizes.has(file)) sizes.set(file, sizeOf(byName.get(file)!.code));
    return sizes.get(file)!;
  };
  const closure = (start: string, into = new Set<string>()) => {
    if (into.has(start) || !byName.has(start)) return into;
    into.add(start);
    for (const imported of byName.get(start)!.imports) closure(imported, into);
    return into;
  };
  const view = (name: string, files: Set<string>): FirstView => {
    const list = [...files].sort();
    return { name, files: list, bytes: list.reduce((total, file) => total + size(file), 0) };
  };
  const views: FirstView[] = [];
  for (const entry of chunks.filter((chunk) => chunk.isEntry)) {
    const shell = closure(entry.fileName);
    views.push(view(entry.fileName, shell));
    for (const page of chunks.filter((chunk) => chunk.isDynamicEntry))
      views.push(view(page.fileName, closure(page.fileName, new Set(shell))));
  }
  return views;
}

/** The Vite plugin: prints every first view's size and fails the build over `kilobytes`. */
export function scriptBudget({ kilobytes }: { kilobytes: number }): Plugin {
  return {
    name: 'studentdesk-script-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
      const views = firstViews(chunks).sort((a, b) => b.bytes - a.bytes);
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
      this.info(`first-view JavaScript, brotli (budget ${kilobytes} KB): largest ${views[0]?.name} ${kb(views[0]?.bytes ?? 0)}`);
      for (const view of views) this.info(`  ${kb(view.bytes).padStart(9)}  ${view.name}`);
      const over = views.filter((view) => view.bytes > kilobytes * 1024);
      if (over.length > 0)
        this.error(
          `over the ${kilobytes} KB JavaScript budget: ${over.map((view) => `${view.name} ${kb(view.bytes)} (${view.files.join(', ')})`).join('; ')}. Load a page on demand or drop a dependency.`,
        );
    },
  };
}
