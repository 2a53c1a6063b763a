import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

describe('openDatabase on a server whose sessions default to local time', () => {
  let created: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    created = await createTestDatabase('postgresql', { poolSize: 1 });
    const admin = new pg.Client({ connectionString: created.url });
    await admin.connect();
    const { rows } = await admin.query<{ name: string }>('SELECT current_database() AS name');
    await admin.query(`ALTER DATABASE "${rows[0]!.name}" SET timezone = 'Europe/Paris'`);
    await admin.end();
    db = await openDatabase({ databaseUrl: created.url, poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close();
    await created?.drop();
  });

  it('stores and returns timestamps unshifted', async () => {
    const at = new Date('2026-03-10T08:15:30.123Z');
    const department = await db.prisma.department.create({ data: { name: 'Clock', slug: 'clock', createdAt: at } });
    const [raw] = await db.prisma.$queryRaw<[{ utc: string }]>`
      SELECT to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS utc FROM "Department" WHERE id = ${department.id}::uuid`;
    expect(raw.utc).toBe('2026-03-10T08:15:30.123');
    const read = await db.prisma.department.findUniqueOrThrow({ where: { id: department.id } });
    expect(read.createdAt.toISOString()).toBe(at.toISOString());
  });
});

describe('openDatabase for a deployment that migrates in a separate step', () => {
  let created: TestDatabase;

  beforeAll(async () => {
    created = await createTestDatabase('postgresql', { poolSize: 1 });
  });
  afterAll(() => created?.drop());

  it('refuses a database with a pending migration and opens it once migrated, without migrating itself', async () => {
    const admin = new pg.Client({ connectionString: created.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ migration_name: string }>(
        'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1',
      );
      const newest = rows[0]!.migration_name;
      await admin.query('UPDATE "_prisma_migrations" SET finished_at = NULL, rolled_back_at = now() WHERE migration_name = $1', [newest]);
      await expect(openDatabase({ databaseUrl: created.url, migrate: 'verify' })).rejects.toThrow(
        `The database is 1 migration(s) behind (first: ${newest})`,
      );
      await admin.query('UPDATE "_prisma_migrations" SET finished_at = now(), rolled_back_at = NULL WHERE migration_name = $1', [newest]);
      const db = await openDatabase({ databaseUrl: created.url, migrate: 'verify', poolSize: 1 });
      await db.close();
    } finally {
      await admin.end();
    }
  });
});
