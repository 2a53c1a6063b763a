// Tests that need PostgreSQL never vanish quietly: in CI a missing server fails them, loudly;
// elsewhere the suite runs on PGlite alone.
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A server address nothing answers on. */
const NOWHERE = 'postgresql://postgres@127.0.0.1:9/postgres';

async function testingWith(env: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import('./testing.js');
}

describe('test databases without a PostgreSQL server', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('in CI, keeps PostgreSQL on the list and fails the test that needs it, saying why', async () => {
    const testing = await testingWith({ CI: '1', TEST_POSTGRES_URL: NOWHERE });
    expect(await testing.testDatabaseKinds()).toEqual(['postgresql', 'pglite']);
    await expect(testing.createTestDatabase('postgresql')).rejects.toThrow(
      /needs PostgreSQL, which does not answer at postgresql:\/\/postgres@127\.0\.0\.1:9\/postgres.*In CI \(CI=1\) this fails the run, never skips/,
    );
  });

  it('elsewhere, tests on PGlite alone', async () => {
    const testing = await testingWith({ CI: '', TEST_POSTGRES_URL: NOWHERE });
    expect(await testing.testDatabaseKinds()).toEqual(['pglite']);
  });
});
