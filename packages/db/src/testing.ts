// Throw-away databases for tests: a fresh PostgreSQL database per test file, or an in-memory PGlite.
// Published as `@studentdesk/db/testing` for this package's own tests, which cannot depend on the
// shared test package (it depends on this one); everything else takes it from @studentdesk/testing.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseOptions } from './client.js';

export type DatabaseKind = 'postgresql' | 'pglite';

export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) or discards it (PGlite). */
  drop: () => Promise<void>;
}

/** The server tests use; the machine's PostgreSQL unless TEST_POSTGRES_URL says otherwise. */
export const testPostgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** CI (CI=1) must test on PostgreSQL: there a missing server fails the run instead of shrinking it. */
export const postgresRequired = Boolean(process.env.CI) && process.env.CI !== '0' && process.env.CI !== 'false';

/** Whether the test server answers (a connection and a query within a few seconds). */
export async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The databases this machine tests on: PGlite always; PostgreSQL when it answers, and always in CI,
 * where a test that needs it then fails loudly (createTestDatabase says why) rather than being left out.
 */
export async function testDatabaseKinds(): Promise<DatabaseKind[]> {
  if (postgresRequired || (await postgresAnswers())) return ['postgresql', 'pglite'];
  console.warn(`PostgreSQL does not answer at ${testPostgresUrl}: these tests run on PGlite only (with CI=1 they fail instead).`);
  return ['pglite'];
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `This test needs PostgreSQL, which does not answer at ${testPostgresUrl} (${(error as Error).message}). ` +
        `Start it (README, "Tests") or set TEST_POSTGRES_URL.${postgresRequired ? ' In CI (CI=1) this fails the run, never skips.' : ''}`,
    );
  }
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function createTestDatabase(
  kind: DatabaseKind,
  options: Omit<DatabaseOptions, 'databaseUrl' | 'dataDir'> = {},
): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openDatabase({ ...options, dataDir: 'memory://' });
    return { ...db, drop: () => db.close() };
  }
  const name = `studentdesk_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ ...options, databaseUrl: url.toString() });
  return {
    ...db,
    async drop() {
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
