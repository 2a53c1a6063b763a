// GraphiQL at GET /graphql for browsers: Apollo answers a GET that prefers HTML with our landing
// page, the page built from ../graphiql by the API's build; its files are served at /graphiql/.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { type Express } from 'express';

/** apps/api/dist/graphiql, whether this file runs from src/ (tests) or dist/. */
const GRAPHIQL_DIR = fileURLToPath(new URL('../dist/graphiql', import.meta.url));

const NOT_BUILT = '<!doctype html><title>StudentDesk API</title><p>GraphiQL is not built. Run <code>pnpm build</code>.</p>';

export function graphiqlLandingPage(dir = GRAPHIQL_DIR): ApolloServerPlugin {
  const page = join(dir, 'index.html');
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: existsSync(page) ? readFileSync(page, 'utf8') : NOT_BUILT };
        },
      };
    },
  };
}

export function serveGraphiql(app: Express, dir = GRAPHIQL_DIR): void {
  // Hashed file names never change content: cache them for a year.
  app.use('/graphiql/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
}
