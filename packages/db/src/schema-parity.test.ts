// The hand-reviewed migrations must build exactly the database Prisma itself would build for
// schema.prisma: same tables, columns, types, nullability, defaults, keys, uniques, indexes, enums.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from './migrate.js';
import { schemaPath } from './paths.js';
import { diffSchemas } from './schema-engine.js';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from './testing.js';

/** Indexes our migrations add on purpose that schema.prisma cannot express. */
const INDEXES_BEYOND_PRISMA = [
  'Ticket_search_idx',
  'Article_search_idx',
  // Slugs of school-wide articles (no department): Prisma cannot express a partial unique index.
  'Article_school_slug_key',
  'Ticket_open_department_due_idx',
  'Ticket_open_assignee_due_idx',
  'Holiday_scope_date_key',
  'TicketSearch_publicVector_idx',
  'TicketSearch_staffVector_idx',
];

/** CHECK constraints our migrations add on purpose that schema.prisma cannot express, with their definitions. */
const CHECKS_BEYOND_PRISMA: Record<string, string> = {
  // A person's language, a ticket's reporter's, and a canned response's versions: languages StudentDesk speaks (LANGUAGES in @studentdesk/domain).
  User_language_check: `CHECK ((language = ANY (ARRAY['en'::text, 'es'::text, 'fr'::text, 'ar'::text, 'zh-Hans'::text])))`,
  Ticket_language_check: `CHECK ((language = ANY (ARRAY['en'::text, 'es'::text, 'fr'::text, 'ar'::text, 'zh-Hans'::text])))`,
  CannedResponseVersion_language_check: `CHECK ((language = ANY (ARRAY['en'::text, 'es'::text, 'fr'::text, 'ar'::text, 'zh-Hans'::text])))`,
};

const CATALOG_QUERIES = {
  columns: `SELECT table_name || '.' || column_name AS key,
                   concat_ws(' ', udt_name, is_nullable, column_default, character_maximum_length, datetime_precision) AS value
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  constraints: `SELECT conname AS key, pg_get_constraintdef(oid) AS value
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conname NOT LIKE '_prisma_migrations%'`,
  indexes: `SELECT indexname AS key, indexdef AS value FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  enums: `SELECT t.typname AS key, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS value
          FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid GROUP BY t.typname`,
};

type Catalog = Record<keyof typeof CATALOG_QUERIES, Record<string, string>>;

async function readCatalog(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const catalog = {} as Catalog;
    for (const [part, sql] of Object.entries(CATALOG_QUERIES)) {
      const { rows } = await client.query<{ key: string; value: string }>(sql);
      catalog[part as keyof Catalog] = Object.fromEntries(rows.map((row) => [row.key, row.value]));
    }
    return catalog;
  } finally {
    await client.end();
  }
}

async function runScript(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

describe.each(await testDatabaseKinds())('migrations match schema.prisma on %s', (kind) => {
  let ours: TestDatabase;
  let prismas: TestDatabase;

  beforeAll(async () => {
    [ours, prismas] = await Promise.all([
      createTestDatabase(kind, { poolSize: 1 }),
      createTestDatabase(kind, { poolSize: 1, migrate: false }),
    ]);
    await runScript(prismas.url, await diffSchemas(null, readFileSync(schemaPath, 'utf8')));
  });

  afterAll(async () => {
    await Promise.all([ours?.drop(), prismas?.drop()]);
  });

  it('builds the same tables, columns, constraints and enums as Prisma would', async () => {
    const [built, expected] = await Promise.all([readCatalog(ours.url), readCatalog(prismas.url)]);
    expect(Object.keys(expected.columns).length).toBeGreaterThan(100);
    expect(built.columns).toEqual(expected.columns);
    expect(built.constraints).toEqual({ ...expected.constraints, ...CHECKS_BEYOND_PRISMA });
    expect(built.enums).toEqual(expected.enums);
  });

  it('has every index Prisma would create, plus only the documented search indexes', async () => {
    const [built, expected] = await Promise.all([readCatalog(ours.url), readCatalog(prismas.url)]);
    const extra = Object.keys(built.indexes).filter((name) => !(name in expected.indexes));
    expect(extra.sort()).toEqual([...INDEXES_BEYOND_PRISMA].sort());
    for (const [name, definition] of Object.entries(expected.indexes)) {
      expect(built.indexes[name], name).toBe(definition);
    }
  });

  it('records each migration in _prisma_migrations with the sha256 of its file', async () => {
    const client = new pg.Client({ connectionString: ours.url });
    await client.connect();
    const { rows } = await client
      .query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }>(
        'SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
      )
      .finally(() => client.end());
    const files = readMigrations();
    expect(rows.map((row) => [row.migration_name, row.checksum])).toEqual(files.map((file) => [file.name, file.checksum]));
    expect(rows.every((row) => row.applied_steps_count === 1 && row.finished_at !== null)).toBe(true);
  });

  it('keeps email kinds and ticket event types to their vocabularies', async () => {
    const client = new pg.Client({ connectionString: ours.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ column: string; type: string }>(
        `SELECT table_name || '.' || column_name AS column, udt_name AS type FROM information_schema.columns
         WHERE (table_name, column_name) IN (('EmailMessage', 'kind'), ('TicketEvent', 'type')) ORDER BY 1`,
      );
      expect(rows).toEqual([
        { column: 'EmailMessage.kind', type: 'EmailKind' },
        { column: 'TicketEvent.type', type: 'TicketEventType' },
      ]);
      await expect(client.query(`SELECT 'TRACKING_LNK'::"EmailKind"`)).rejects.toThrow(/invalid input value for enum "EmailKind"/);
    } finally {
      await client.end();
    }
  });

  it('applies nothing the second time', async () => {
    const again = await migrate(ours.url);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toHaveLength(readMigrations().length);
  });
});
