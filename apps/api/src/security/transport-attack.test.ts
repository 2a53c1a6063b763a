// A short run of the transport attack (test/attack.ts; `pnpm attack` runs it for a minute) against
// the API as `pnpm start:prod` runs it: the built dist/main.js, NODE_ENV=production, a 192 MB heap.
// Before the limits, one huge anonymous websocket message was enough to kill the process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, createSchool, createTestDatabase, type School, startApiProcess, type TestDatabase } from '@studentdesk/testing';
import { runAttack } from '../test/attack.js';

/** As the root package.json's `start:prod`. */
const START_PROD_NODE_ARGS = ['--max-old-space-size=192'];

describe('the transport attack, for 12 seconds', () => {
  let db: TestDatabase;
  let api: ApiProcess;
  let school: School;

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    api = await startApiProcess({ NODE_ENV: 'production', DATABASE_URL: db.url }, { nodeArgs: START_PROD_NODE_ARGS });
    school = await createSchool({ db, gql: api.gql });
  }, 60_000);

  afterAll(async () => {
    await api?.stop('SIGKILL');
    await db?.drop();
  });

  it('leaves the production process alive, /health answering and a student’s reports succeeding', async () => {
    const report = await runAttack(
      { url: api.url, studentToken: school.tokens.alice, categoryId: school.categoryIds.login },
      { seconds: 12 },
    );
    const summary = JSON.stringify(report);
    expect(api.child.exitCode, api.output().slice(-2000)).toBeNull();
    expect(report.health.failures, summary).toBe(0);
    expect(report.health.count, summary).toBeGreaterThan(5);
    expect(report.studentReports.failures, summary).toBe(0);
    expect(report.studentReports.count, summary).toBeGreaterThan(3);
    // The attack was refused for what it was, not by accident.
    expect(report.refused['websocket close 1009'], summary).toBeGreaterThan(0);
    expect(report.refused.QUERY_TOO_COMPLEX, summary).toBeGreaterThan(0);
    expect(report.refused.TOO_MANY_SUBSCRIPTIONS, summary).toBeGreaterThan(0);
    expect(report.refused['websocket upgrade 429'], summary).toBeGreaterThan(0);
    expect(await api.gql('{ __typename }')).toMatchObject({ status: 200, data: { __typename: 'Query' } });
  }, 60_000);
});
