// The import graph runs one way (docs/architecture.md): between the API's rooms (a folder under
// src/, or a file directly in it) there is no cycle, so every room stands above what it imports;
// and no app imports another app. Read from the source as text, like any reader of the code would.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const API_SRC = resolve(import.meta.dirname);
const REPO = resolve(API_SRC, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'dist', 'generated', 'gql', 'test'].includes(entry.name) ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!);

/** tickets/ticket.service.ts → "tickets/"; context.ts → "context.ts". */
const roomOf = (file: string) => {
  const [first, ...rest] = relative(API_SRC, file).split(sep);
  return rest.length ? `${first}/` : first!;
};

/** The API's rooms and, for each, the rooms it imports. */
function roomGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(API_SRC)) {
    const from = roomOf(file);
    const edges = graph.get(from) ?? new Map<string, string[]>();
    graph.set(from, edges);
    for (const specifier of importsOf(file).filter((spec) => spec.startsWith('.'))) {
      const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      const to = roomOf(target);
      if (to !== from) edges.set(to, [...(edges.get(to) ?? []), `${relative(API_SRC, file)} → ${specifier}`]);
    }
  }
  return graph;
}

/** Every cycle's rooms (Tarjan's strongly connected components larger than one room). */
function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (room: string) => {
    index.set(room, index.size);
    low.set(room, index.get(room)!);
    stack.push(room);
    for (const next of graph.get(room)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(room, Math.min(low.get(room)!, low.get(next)!));
      } else if (stack.includes(next)) low.set(room, Math.min(low.get(room)!, index.get(next)!));
    }
    if (low.get(room) === index.get(room)) {
      const component = stack.splice(stack.indexOf(room));
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const room of graph.keys()) if (!index.has(room)) visit(room);
  return found;
}

describe('the import graph', () => {
  it('has no cycle between the API’s rooms: every import runs down', () => {
    const graph = roomGraph();
    expect(graph.size).toBeGreaterThan(20);
    const found = cycles(graph).map((rooms) => ({
      rooms,
      imports: rooms.flatMap((from) => rooms.flatMap((to) => graph.get(from)?.get(to) ?? [])),
    }));
    expect(found).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const graph = new Map([
      ['a/', new Map([['b/', ['a/x.ts → ../b/y.js']]])],
      ['b/', new Map([['a/', ['b/y.ts → ../a/x.js']]])],
      ['c.ts', new Map([['a/', ['c.ts → ./a/x.js']]])],
    ]);
    expect(cycles(graph)).toEqual([['a/', 'b/']]);
  });

  it('keeps the apps apart: the web apps import no file of the API, the API none of theirs', () => {
    const crossings = ['apps/api', 'apps/portal', 'apps/console'].flatMap((app) =>
      sourceFiles(join(REPO, app)).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => specifier === '@studentdesk/api' || specifier.startsWith('.'))
          .map((specifier) => ({ file, target: specifier.startsWith('.') ? resolve(dirname(file), specifier) : specifier }))
          .filter(({ target }) => target === '@studentdesk/api' || !target.startsWith(join(REPO, app) + sep))
          .map(({ file, target }) => `${relative(REPO, file)} → ${target.startsWith('/') ? relative(REPO, target) : target}`),
      ),
    );
    expect(crossings).toEqual([]);
  });
});
