// The one way apps get a database: PostgreSQL when DATABASE_URL is set, else embedded PGlite.
import { join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.js';
import { startEmbeddedPostgres } from './embedded.js';
import { migrate, pendingMigrations } from './migrate.js';
import { defaultDataDir } from './paths.js';

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** Data folder (default `.data/` at the repo root); PGlite lives in its `pglite/`. "memory://" keeps it in memory. */
  dataDir?: string;
  /**
   * Apply pending migrations before returning (default true); `'verify'` applies none but refuses to
   * open a database that has any pending, for deployments that migrate in a separate step.
   */
  migrate?: boolean | 'verify';
  /** Connections in the pool for PostgreSQL (default 10); the embedded database always uses one. */
  poolSize?: number;
  /**
   * How long a query or transaction waits for a free connection before failing (pg's "timeout
   * exceeded when trying to connect", Prisma's P2028), which the API answers as 503 "busy": a
   * short queue absorbs a burst, an endless one would hold every request until clients give up.
   * Default 5000 ms on PostgreSQL, 15000 ms on the embedded database (one connection for all).
   */
  poolWaitMs?: number;
  /** Receives one call per SQL statement Prisma sends; used by tests and benchmarks to count them. */
  onQuery?: (sql: string) => void;
  log?: (line: string) => void;
}

export interface Database {
  prisma: PrismaClient;
  /**
   * The connections Prisma uses, for code that needs plain SQL through the same pool (the job
   * queue): on the embedded database it is the one connection, so nothing opens a second.
   */
  pool: pg.Pool;
  /** A connection string that reaches this database (for psql, migrations). */
  url: string;
  kind: 'postgresql' | 'pglite';
  close: () => Promise<void>;
}

function embeddedDataDir(dataDir: string): string {
  return dataDir.startsWith('memory://') ? dataDir : join(dataDir, 'pglite');
}

/**
 * The embedded database gets one connection. pglite-socket serves every connection from one
 * PGlite session and interleaves their extended-protocol messages (electric-sql/pglite#1046): two
 * concurrent queries can bind each other's statements. PGlite runs one statement at a time anyway,
 * so queueing in the pool costs nothing and keeps each query whole.
 */
const EMBEDDED_POOL_SIZE = 1;
const POOL_WAIT_MS = 5000;
const EMBEDDED_POOL_WAIT_MS = 15_000;

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const poolSize = options.databaseUrl ? (options.poolSize ?? 10) : EMBEDDED_POOL_SIZE;
  const poolWaitMs = options.poolWaitMs ?? (options.databaseUrl ? POOL_WAIT_MS : EMBEDDED_POOL_WAIT_MS);
  // The second connection is for the migration runner, which finishes before the pool opens.
  const embedded = options.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: embeddedDataDir(options.dataDir ?? defaultDataDir()), maxConnections: poolSize + 1 });
  const url = options.databaseUrl ?? embedded!.url;
  try {
    if (options.migrate === 'verify') {
      const pending = await pendingMigrations(url);
      if (pending.length > 0) {
        throw new Error(
          `The database is ${pending.length} migration(s) behind (first: ${pending[0]}); run \`studentdesk-db migrate\` (the migration Job) first.`,
        );
      }
    } else if (options.migrate !== false) await migrate(url, { log: options.log });
    // Prisma's adapter reads and writes timestamps as UTC; a server whose default TimeZone is local
    // would otherwise shift every DateTime (measured: 08:15Z came back as 09:15Z under Europe/Paris).
    const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: poolWaitMs, options: '-c TimeZone=UTC' });
    // An idle connection the server ends (a restart, a dropped test database) must not crash us.
    pool.on('error', (error) => options.log?.(`database connection lost: ${error.message}`));
    const adapter = new PrismaPg(pool);
    const prisma = new PrismaClient({
      adapter,
      // A transaction waits for a connection as long as a query does. With one embedded connection
      // it may also wait for others to finish, so it gets longer to run as well.
      transactionOptions: { maxWait: poolWaitMs, ...(embedded ? { timeout: 15_000 } : {}) },
      log: options.onQuery ? [{ emit: 'event', level: 'query' }] : [],
    });
    if (options.onQuery) {
      const onQuery = options.onQuery;
      prisma.$on('query' as never, (event: { query: string }) => onQuery(event.query));
    }
    return {
      prisma,
      pool,
      url,
      kind: embedded ? 'pglite' : 'postgresql',
      async close() {
        await prisma.$disconnect();
        await pool.end();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
