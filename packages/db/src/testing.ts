// Throw-away databases for tests: a fresh PostgreSQL database per run, or an in-memory PGlite.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseOptions } from './client.js';

export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) or discards it (PGlite). */
  drop: () => Promise<void>;
}

/** The server tests use; the machine's PostgreSQL unless TEST_POSTGRES_URL says otherwise. */
export const testPostgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function createTestDatabase(
  kind: 'postgresql' | 'pglite',
  options: Omit<DatabaseOptions, 'databaseUrl' | 'dataDir'> = {},
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openDatabase({ ...options, dataDir: 'memory://' });
    return { ...db, drop: () => db.close() };
  }
  const name = `studentdesk_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ ...options, databaseUrl: url.toString() });
  return {
    ...db,
    async drop() {
      await db.close();
      const dropper = new pg.Client({ connectionString: testPostgresUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
