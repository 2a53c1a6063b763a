// The built create-admin command, run as an operator runs it, against a real database: PostgreSQL
// through DATABASE_URL, and the embedded database in a folder (DATA_DIR).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.js';
import { verifyPassword } from './passwords.js';
import { createTestDatabase, testDatabaseKinds } from './testing.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli.js');

function run(env: Record<string, string>, args: string[], stdin: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'create-admin', ...args], { env: { PATH: process.env.PATH, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
    child.stdin.end(stdin);
  });
}

/** Where the command finds its database, and a way for the test to look inside between runs. */
interface Target {
  env: Record<string, string>;
  open: () => Promise<Database>;
  cleanUp: () => Promise<void>;
}

async function postgresTarget(): Promise<Target> {
  const db = await createTestDatabase('postgresql');
  return { env: { DATABASE_URL: db.url }, open: async () => db, cleanUp: () => db.drop() };
}

async function embeddedTarget(): Promise<Target> {
  // PGlite belongs to one process: the test opens the folder only while the command is not running.
  const dataDir = mkdtempSync(join(tmpdir(), 'studentdesk-create-admin-'));
  return {
    env: { DATA_DIR: dataDir },
    open: () => openDatabase({ dataDir }),
    cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

const kinds = await testDatabaseKinds();

describe.each(kinds)('create-admin on %s', (kind) => {
  let target: Target;
  beforeAll(async () => {
    target = kind === 'postgresql' ? await postgresTarget() : await embeddedTarget();
  });
  afterAll(() => target.cleanUp());

  async function look<T>(read: (db: Database) => Promise<T>): Promise<T> {
    const db = await target.open();
    try {
      return await read(db);
    } finally {
      if (kind === 'pglite') await db.close();
    }
  }

  it('creates an admin with the password from stdin, who can then sign in, and retires an unused setup link', async () => {
    await look((db) => db.prisma.setupToken.create({ data: { tokenHash: 'a'.repeat(64), expiresAt: new Date(Date.now() + 60_000) } }));
    const ran = await run(
      target.env,
      ['--email', 'Ops@Lakeside.edu', '--name', 'Ops Team', '--password-stdin'],
      'a long enough passphrase\n',
    );
    expect(ran.output).toContain('created admin ops@lakeside.edu');
    expect(ran.code).toBe(0);
    const admin = await look((db) => db.prisma.user.findUniqueOrThrow({ where: { email: 'ops@lakeside.edu' } }));
    expect(admin).toMatchObject({ name: 'Ops Team', role: 'ADMIN' });
    expect(await verifyPassword('a long enough passphrase', admin.passwordHash!)).toBe(true);
    expect(await look((db) => db.prisma.setupToken.count())).toBe(0);
  });

  it.each([
    [['--email', 'ops@lakeside.edu', '--name', 'Again'], 'another passphrase here', /ops@lakeside\.edu already has an account/],
    [['--email', 'helpdesk@lakeside.edu', '--name', 'Help'], 'short', /at least 12 characters/],
    [['--email', 'not-an-address', '--name', 'Help'], 'a long enough passphrase', /email address/],
    [['--email', 'helpdesk@lakeside.edu'], 'a long enough passphrase', /usage: create-admin/],
  ])('refuses %j with a clear message and creates nothing', async (args, password, message) => {
    const ran = await run(target.env, [...args, '--password-stdin'], `${password}\n`);
    expect(ran.code).toBe(1);
    expect(ran.output).toMatch(message);
    expect(await look((db) => db.prisma.user.count())).toBe(1);
  });
});
