#!/usr/bin/env node
// studentdesk-db: migrate, seed, and write new migrations.
//   migrate                     apply pending migrations (DATABASE_URL, else the embedded database)
//   seed [--scale N] [--reset]  load the demo school (N multiplies the volume)
//   migration:new <name>        write the SQL for what changed in schema.prisma since the last commit
//   create-admin --email E --name N [--password-stdin]
//                               an admin account; the password is asked for, or read from stdin
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openDatabase } from './client.js';
import { migrate, readMigrations } from './migrate.js';
import { migrationsDir, schemaPath } from './paths.js';

const [command, ...given] = process.argv.slice(2);
// `pnpm --filter @studentdesk/db create-admin -- --email …` hands the `--` on.
const rest = given[0] === '--' ? given.slice(1) : given;
const log = (line: string) => console.log(line);

/** The first line of stdin, for scripts: `printf '%s' "$PASSWORD" | ... --password-stdin`. */
async function passwordFromStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0] ?? '';
}

/** Asked twice at a terminal, without echo. */
async function promptPassword(): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const prompt = createInterface({ input: process.stdin, output, terminal: true });
  const ask = async (question: string) => {
    process.stdout.write(question);
    muted = true;
    const answer = await prompt.question('');
    muted = false;
    process.stdout.write('\n');
    return answer;
  };
  try {
    const password = await ask('Password (12 characters or more): ');
    if ((await ask('The same password again: ')) !== password) throw new Error('The two passwords differ; nothing was created.');
    return password;
  } finally {
    prompt.close();
  }
}

async function main(): Promise<void> {
  switch (command) {
    case 'migrate': {
      const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR, migrate: false });
      try {
        const result = await migrate(db.url, { log });
        log(`${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
      } finally {
        await db.close();
      }
      return;
    }
    case 'seed': {
      const { values } = parseArgs({
        args: rest,
        options: { scale: { type: 'string', default: '1' }, reset: { type: 'boolean', default: false } },
      });
      const scale = Number(values.scale);
      if (!Number.isFinite(scale) || scale <= 0) throw new Error(`--scale must be a positive number, got "${values.scale}"`);
      const { seedDemoSchool } = await import('./seed/index.js');
      const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR, log });
      try {
        const started = Date.now();
        const summary = await seedDemoSchool(db.prisma, { scale, reset: values.reset, log });
        log(`seeded ${JSON.stringify(summary)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } finally {
        await db.close();
      }
      return;
    }
    case 'migration:new': {
      // Diffs schema.prisma as last committed against the working copy, with Prisma's own engine.
      const name = rest[0];
      if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error('usage: migration:new <name_in_snake_case>');
      const { diffSchemas } = await import('./schema-engine.js');
      const hasMigrations = readMigrations().length > 0;
      const committed = hasMigrations
        ? execFileSync('git', ['show', `HEAD:./${relative(process.cwd(), schemaPath)}`], { encoding: 'utf8' })
        : null;
      const sql = await diffSchemas(committed, readFileSync(schemaPath, 'utf8'));
      if (!sql.trim() || sql.trim() === '-- This is an empty migration.') {
        log('schema.prisma has not changed since the last commit: nothing to write');
        return;
      }
      const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
      const dir = join(migrationsDir, `${stamp}_${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'migration.sql'), sql);
      log(`wrote ${dir}/migration.sql; read it before committing`);
      return;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: { email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } },
      });
      if (!values.email || !values.name)
        throw new Error('usage: create-admin --email you@school.edu --name "Your Name" [--password-stdin]');
      const password = values['password-stdin'] || !process.stdin.isTTY ? await passwordFromStdin() : await promptPassword();
      const { createAdmin } = await import('./create-admin.js');
      const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR, log });
      try {
        const admin = await createAdmin(db.prisma, { email: values.email, name: values.name, password });
        log(`created admin ${admin.email}; sign in to the console with this address and the password`);
      } finally {
        await db.close();
      }
      return;
    }
    default:
      throw new Error(`unknown command "${command ?? ''}"; use migrate, seed, migration:new or create-admin`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
