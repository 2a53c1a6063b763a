// A database per test file: PGlite always, PostgreSQL when it answers (and always in CI, where a
// missing server fails the run). The implementation is the db package's, which tests itself with it.
import { testDatabaseKinds, type DatabaseKind } from '@studentdesk/db/testing';

export {
  createTestDatabase,
  postgresAnswers,
  postgresRequired,
  testDatabaseKinds,
  testPostgresUrl,
  type DatabaseKind,
  type TestDatabase,
} from '@studentdesk/db/testing';

/** The databases every `describe.each(DATABASE_KINDS)` runs on, decided once per test file. */
export const DATABASE_KINDS: DatabaseKind[] = await testDatabaseKinds();
