// The dead letters: jobs whose retries are spent, newest first. pg-boss copies each into the
// dead-letter queue with where it came from, its last error and how often it was retried; they are
// read from pg-boss's own table so the one Relay helper can page them like any other list.
import type { PrismaClient } from '@studentdesk/db';
import { listOrder, paginate, pageRequest, type Connection, type PageArgs } from '../relay/pagination.js';
import { DEAD_LETTERS } from '../jobs/queues.js';

export interface FailedJobRow {
  id: string;
  /** The queue the job failed on. */
  queue: string;
  data: unknown;
  /** What the last attempt threw, as the job system stored it ({ message }). */
  error: unknown;
  failedAt: Date;
  retries: number;
}

export interface FailedJob {
  id: string;
  queue: string;
  /** The job's data as JSON, cut short: enough to tell which item it was about. */
  dataSummary: string;
  error: string | null;
  failedAt: Date;
  attempts: number;
}

const FAILED_ORDER = listOrder<FailedJobRow>('failedBackgroundJobs', [
  { column: 'failedAt', kind: 'time', descending: true },
  { column: 'id', kind: 'uuid', descending: true },
]);
const SUMMARY_LENGTH = 200;

function summarize(row: FailedJobRow): FailedJob {
  const data = JSON.stringify(row.data ?? null);
  const error = row.error as { message?: unknown } | null;
  return {
    id: row.id,
    queue: row.queue,
    dataSummary: data.length > SUMMARY_LENGTH ? `${data.slice(0, SUMMARY_LENGTH - 1)}…` : data,
    error: error === null ? null : typeof error.message === 'string' ? error.message : JSON.stringify(error),
    failedAt: row.failedAt,
    attempts: row.retries + 1,
  };
}

export function failedJobs({ prisma }: { prisma: PrismaClient }, page: PageArgs): Promise<Connection<FailedJob>> {
  return paginate(
    pageRequest(page, FAILED_ORDER),
    (window) => prisma.$queryRaw<FailedJobRow[]>`
      SELECT * FROM (
        SELECT j.id, j.source_name AS "queue", j.data, j.source_output AS "error", j.created_on AS "failedAt",
               COALESCE(j.source_retry_count, 0) AS "retries"
        FROM pgboss.job j WHERE j.name = ${DEAD_LETTERS}
      ) f
      WHERE ${window.sqlWhere('f')} ORDER BY ${window.sqlOrderBy('f')} LIMIT ${window.limit}`,
    summarize,
  );
}
