// Message catalogs compiled to ICU syntax trees at build time, and the ICU parser left out of the
// bundle: a phone neither downloads the parser (about 8 KB brotli) nor spends its slow CPU parsing
// every message on first use. react-intl formats the trees as it would have formatted the strings.
import { createRequire } from 'node:module';
import { parse } from '@formatjs/icu-messageformat-parser';
import type { Plugin } from 'vite';

const PARSER = '@formatjs/icu-messageformat-parser';

/** A catalog file's text (key → ICU message) as JSON of key → syntax tree (Vite's JSON plugin then makes it a module). */
export function compileCatalog(json: string): string {
  const messages = JSON.parse(json) as Record<string, string>;
  const compiled = Object.fromEntries(Object.entries(messages).map(([key, message]) => [key, parse(message)]));
  return JSON.stringify(compiled);
}

/** The Vite plugin: compiles the JSON files `catalogs` matches, and bundles the parser-less build of the parser package. */
export function precompiledMessages({ catalogs }: { catalogs: RegExp }): Plugin {
  const withoutParser = createRequire(import.meta.url).resolve(`${PARSER}/no-parser.js`);
  return {
    name: 'studentdesk-precompiled-messages',
    enforce: 'pre',
    config: () => ({ resolve: { alias: [{ find: new RegExp(`^${PARSER}$`), replacement: withoutParser }] } }),
    transform(code, id) {
      if (!catalogs.test(id)) return null;
      return { code: compileCatalog(code), map: null };
    },
  };
}
