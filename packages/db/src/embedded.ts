// The embedded default database: PGlite (Postgres compiled to WASM) stored in a folder, served on
// loopback over the Postgres wire protocol so the API uses the same driver (pg) as in production.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop: () => Promise<void>;
}

/**
 * Starts PGlite on `dataDir` (or in memory when `dataDir` is "memory://") and a socket server on a
 * free loopback port. `maxConnections` must be at least the size of any pool that connects.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; maxConnections: number }): Promise<EmbeddedPostgres> {
  if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections });
  await server.start();
  const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
