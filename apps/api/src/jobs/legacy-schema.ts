// Taking over from the release before the one job system, which ran webhook attempts on pg-boss 10
// (schema version 24). pg-boss 12 migrates schemas from version 25 on only, so that schema is set
// aside before pg-boss starts, and its waiting jobs are queued again on the new schema once the
// queues exist; then it is dropped. Each step runs in one transaction under one advisory lock, so
// processes starting together do it once, and a crash in between leaves it to the next start
// (a job may then run twice: webhook attempts are at-least-once anyway, and receivers dedupe).
import type { Database } from '@studentdesk/db';
import type { PoolClient } from 'pg';
import type { PgBoss } from 'pg-boss';
import { waitingForConnection } from '../database-outage.js';
import type { QueueName } from './queues.js';

/** The oldest schema version pg-boss 12 migrates (older ones need an older pg-boss first). */
const FIRST_MIGRATABLE_VERSION = 25;
const LEGACY_SCHEMA = 'pgboss_legacy';
const LOCK = 'studentdesk:job-system-upgrade';

async function inLockedTransaction<T>(pool: Database['pool'], work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await waitingForConnection(() => pool.connect());
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Before pg-boss starts: renames a schema too old for it out of its way. Returns whether it did. */
export function setAsideLegacySchema(pool: Database['pool']): Promise<boolean> {
  return inLockedTransaction(pool, async (client) => {
    const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass('pgboss.version') IS NOT NULL AS present`);
    if (!rows[0]!.present) return false;
    const version = await client.query<{ version: number }>('SELECT version FROM pgboss.version');
    if ((version.rows[0]?.version ?? FIRST_MIGRATABLE_VERSION) >= FIRST_MIGRATABLE_VERSION) return false;
    await client.query(`ALTER SCHEMA pgboss RENAME TO ${LEGACY_SCHEMA}`);
    return true;
  });
}

/**
 * Once the queues exist: the set-aside schema's jobs that had not finished (waiting, to retry, or
 * running when the old release stopped) are queued again, at their time, on the queues that still
 * exist; then the old schema is dropped. Returns how many were carried over.
 */
export function carryOverLegacyJobs(pool: Database['pool'], boss: PgBoss, queues: readonly QueueName[]): Promise<number> {
  return inLockedTransaction(pool, async (client) => {
    const { rows: present } = await client.query<{ present: boolean }>('SELECT to_regnamespace($1) IS NOT NULL AS present', [
      LEGACY_SCHEMA,
    ]);
    if (!present[0]!.present) return 0;
    const { rows } = await client.query<{ name: QueueName; data: object | null; start_after: Date }>(
      `SELECT name, data, start_after FROM ${LEGACY_SCHEMA}.job
       WHERE state IN ('created', 'retry', 'active') AND name = ANY($1::text[])
       ORDER BY start_after`,
      [queues],
    );
    const db = { executeSql: (text: string, values?: unknown[]) => client.query(text, values) };
    for (const job of rows) await boss.send(job.name, job.data ?? {}, { startAfter: job.start_after, db });
    await client.query(`DROP SCHEMA ${LEGACY_SCHEMA} CASCADE`);
    return rows.length;
  });
}
