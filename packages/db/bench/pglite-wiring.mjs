#!/usr/bin/env node
// How should the embedded PGlite database be plugged into Prisma? Measures both candidates on the
// migrated schema, same machine, same data, each case repeated in a fresh process and data folder:
//
//   A  PGlite + @electric-sql/pglite-socket on loopback + @prisma/adapter-pg (src/embedded.ts, client.ts)
//   B  PGlite + pglite-prisma-adapter (in-process driver adapter, no socket)
//
// Run after `pnpm turbo run build --filter @studentdesk/db`, from the repository root:
//
//   node packages/db/bench/pglite-wiring.mjs [--reps 5] [--startup-reps 7] [--out results.json] [--only workload|startup]
//
// The parent process only spawns children and aggregates; every measurement runs in a child
// (`--child workload|startup`) so that one option's heap, JIT state or open files cannot affect the
// other's. Results are printed as Markdown tables (median, min–max across repetitions).
// Figures are recorded in docs/decisions/embedded-database.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const self = fileURLToPath(import.meta.url);
const dist = new URL('../dist/', import.meta.url);

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};

// ---------------------------------------------------------------------------------------------
// Sizes of the workload
const N_CREATE = 2000; // case 1: sequential creates (departments, then tickets)
const N_CONCURRENT_FIND = 200; // case 2: concurrent findFirst with two relations
const FIND_ROUNDS = 5;
const N_TX_SEQUENTIAL = 200; // case 3a: interactive transactions writing 3 rows, one after another
const N_TX_CONCURRENT = 20; // case 3b: interactive transactions at once
const TX_CONCURRENT_ROUNDS = 5;
const N_TICKETS = 5000; // case 4: tickets in the table for the queue query
const N_PAGE = 500; // case 4: sequential page queries
const N_RAW = 100; // case 6: sequential $queryRaw full-text searches

const TITLES = [
  'Cannot log in to Moodle',
  'WiFi drops in the library',
  'Printer on floor two is jammed',
  'Timetable shows the wrong room',
  'Exam results missing from portal',
  'Password reset email never arrives',
  'Library fine charged twice',
  'Laptop loan extension request',
];
const STATUSES = ['NEW', 'OPEN', 'WAITING_ON_STUDENT', 'RESOLVED', 'CLOSED'];
const QUEUE_STATUSES = ['NEW', 'OPEN', 'WAITING_ON_STUDENT'];

// ---------------------------------------------------------------------------------------------
// Small statistics helpers
const ms = (t0) => performance.now() - t0;
function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
function summarise(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    total: sorted.reduce((a, b) => a + b, 0),
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1],
  };
}
const median = (xs) =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

// ---------------------------------------------------------------------------------------------
// Opening the database each way. Both apply the same migrations (prisma/migrations) and record
// them in _prisma_migrations; A through its own socket, B through a temporary socket (B-socket)
// or by executing the files in-process (B-exec).
async function openA(dataDir) {
  const { openDatabase } = await import(new URL('index.js', dist));
  const db = await openDatabase({ dataDir });
  return { prisma: db.prisma, url: db.url, close: () => db.close() };
}

async function openB(dataDir, migrateVia = 'socket') {
  const { mkdirSync } = await import('node:fs');
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const { PrismaClient } = await import(new URL('generated/prisma/client.js', dist));
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  if (migrateVia === 'socket') {
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const { migrate } = await import(new URL('migrate.js', dist));
    const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    try {
      await migrate(`postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`);
    } finally {
      await server.stop();
    }
  } else {
    await migrateInProcess(pglite);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    url: undefined,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/** What migrate.ts does, but on a PGlite instance instead of a pg connection (B-exec). */
async function migrateInProcess(pglite) {
  const { createHash, randomUUID } = await import('node:crypto');
  const { readMigrations } = await import(new URL('migrate.js', dist));
  await pglite.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
  const { rows } = await pglite.query('SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL');
  const done = new Set(rows.map((row) => row.migration_name));
  for (const migration of readMigrations()) {
    if (done.has(migration.name)) continue;
    await pglite.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), createHash('sha256').update(migration.sql).digest('hex'), migration.name],
      );
    });
  }
}

const open = (option, dataDir) => (option === 'A' ? openA(dataDir) : openB(dataDir, option === 'B-exec' ? 'exec' : 'socket'));

// ---------------------------------------------------------------------------------------------
// Child: start-up time (one phase per process, so the second start really is a new process)
async function childStartup(option, dataDir) {
  // Load the modules first and time that separately, so "in process" is the database's own start-up.
  const ti = performance.now();
  await import('@electric-sql/pglite');
  if (option === 'A') await import(new URL('index.js', dist));
  else if (option !== 'PGlite alone') {
    await import('pglite-prisma-adapter');
    await import(new URL('generated/prisma/client.js', dist));
    await import(new URL('migrate.js', dist));
    if (option === 'B-socket') await import('@electric-sql/pglite-socket');
  }
  const importMs = ms(ti);
  const t0 = performance.now();
  if (option === 'PGlite alone') {
    // The part every option shares: PGlite creating (first start: initdb) or opening the folder.
    const { mkdirSync } = await import('node:fs');
    const { PGlite } = await import('@electric-sql/pglite');
    mkdirSync(dataDir, { recursive: true });
    const pglite = await PGlite.create(dataDir);
    await pglite.query('SELECT 1');
    const firstQuery = ms(t0);
    await pglite.close();
    return { importMs, firstQuery, migrations: 0 };
  }
  const db = await open(option, dataDir);
  const opened = ms(t0);
  const count = await db.prisma.department.count();
  const firstQuery = ms(t0);
  const [{ n: migrations }] = await db.prisma.$queryRaw`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
  await db.close();
  return { importMs, opened, firstQuery, count, migrations };
}

// ---------------------------------------------------------------------------------------------
// Child: cases 1–4 and 6 on one fresh data folder
async function childWorkload(option, dataDir) {
  const out = { option, errors: [], checks: {} };
  const t0 = performance.now();
  const db = await open(option, dataDir);
  out.openMs = ms(t0);
  const { prisma } = db;
  const check = (name, ok, detail) => {
    out.checks[name] = ok ? 'ok' : `FAILED${detail ? `: ${detail}` : ''}`;
  };
  const attempt = async (name, fn) => {
    try {
      await fn();
    } catch (error) {
      out.errors.push(
        `${name}: ${error?.code ?? ''} ${String(error?.message ?? error)
          .split('\n')
          .slice(-3)
          .join(' ')}`,
      );
      check(name, false, error?.code ?? 'threw');
    }
  };

  // Fixtures: one department with categories, students and staff.
  const base = await prisma.department.create({ data: { name: 'Base', slug: 'base', businessDays: [1, 2, 3, 4, 5] } });
  const categories = [];
  for (const name of ['Accounts', 'Network', 'Printing']) {
    categories.push(await prisma.category.create({ data: { name, departmentId: base.id } }));
  }
  const users = [];
  for (let i = 0; i < 20; i++) {
    users.push(
      await prisma.user.create({
        data: { email: `u${i}@school.test`, name: `User ${i}`, role: i < 15 ? 'STUDENT' : 'STAFF', departmentId: base.id },
      }),
    );
  }
  const students = users.filter((u) => u.role === 'STUDENT');
  const staff = users.filter((u) => u.role === 'STAFF');
  const titleCount = new Map();
  const ticketData = (i, extra = {}) => {
    const title = TITLES[i % TITLES.length];
    titleCount.set(title, (titleCount.get(title) ?? 0) + 1);
    const requester = students[i % students.length];
    return {
      title,
      description: `Ticket ${i}: ${title.toLowerCase()} since this morning, please help.`,
      status: STATUSES[i % STATUSES.length],
      priority: 'NORMAL',
      channel: 'PORTAL',
      categoryId: categories[i % categories.length].id,
      departmentId: base.id,
      requesterId: requester.id,
      assigneeId: staff[i % staff.length].id,
      contactName: requester.name,
      contactEmail: requester.email,
      ...extra,
    };
  };
  let ticketIndex = 0;

  // 1. Sequential creates
  {
    const lat = [];
    for (let i = 0; i < N_CREATE; i++) {
      const t = performance.now();
      await prisma.department.create({ data: { name: `Department ${i}`, slug: `dept-${i}` } });
      lat.push(ms(t));
    }
    out.createDepartment = summarise(lat);
  }
  {
    const lat = [];
    for (let i = 0; i < N_CREATE; i++) {
      const t = performance.now();
      await prisma.ticket.create({ data: ticketData(ticketIndex++) });
      lat.push(ms(t));
    }
    out.createTicket = summarise(lat);
  }

  // 2. Concurrent findFirst with two relations
  {
    const rounds = [];
    let ok = true;
    for (let r = 0; r < FIND_ROUNDS; r++) {
      const t = performance.now();
      const found = await Promise.all(
        Array.from({ length: N_CONCURRENT_FIND }, (_, i) =>
          prisma.ticket.findFirst({
            where: { number: 1 + ((i * 7 + r * 13) % N_CREATE) },
            include: { category: true, requester: true },
          }),
        ),
      );
      rounds.push(ms(t));
      ok &&= found.every((row) => row && row.category?.id === row.categoryId && row.requester?.id === row.requesterId);
    }
    out.concurrentFind = { rounds, median: median(rounds) };
    check('findFirst+include returned every row with both relations', ok);
  }

  // 3. Interactive transactions writing 3 rows (ticket, event with Json detail, message)
  const txWork = (i) => async (tx) => {
    const ticket = await tx.ticket.create({ data: ticketData(ticketIndex++, { status: 'NEW' }) });
    await tx.ticketEvent.create({
      data: { ticketId: ticket.id, type: 'created', toStatus: 'NEW', detail: { i, tags: ['a', 'b'], nested: { ok: true }, none: null } },
    });
    await tx.message.create({ data: { ticketId: ticket.id, authorId: ticket.requesterId, body: `First message ${i}` } });
    return ticket.id;
  };
  const counts = async () => ({
    tickets: await prisma.ticket.count(),
    events: await prisma.ticketEvent.count(),
    messages: await prisma.message.count(),
  });
  await attempt('sequential interactive transactions', async () => {
    const before = await counts();
    const lat = [];
    for (let i = 0; i < N_TX_SEQUENTIAL; i++) {
      const t = performance.now();
      await prisma.$transaction(txWork(i));
      lat.push(ms(t));
    }
    out.txSequential = summarise(lat);
    const after = await counts();
    const ok =
      after.tickets - before.tickets === N_TX_SEQUENTIAL &&
      after.events - before.events === N_TX_SEQUENTIAL &&
      after.messages - before.messages === N_TX_SEQUENTIAL;
    check(`${N_TX_SEQUENTIAL} sequential transactions all committed`, ok, JSON.stringify({ before, after }));
  });
  await attempt('concurrent interactive transactions', async () => {
    const rounds = [];
    let failures = 0;
    let committedOk = true;
    for (let r = 0; r < TX_CONCURRENT_ROUNDS; r++) {
      const before = await counts();
      const t = performance.now();
      const results = await Promise.allSettled(Array.from({ length: N_TX_CONCURRENT }, (_, i) => prisma.$transaction(txWork(i))));
      rounds.push(ms(t));
      const rejected = results.filter((x) => x.status === 'rejected');
      failures += rejected.length;
      for (const x of rejected.slice(0, 2))
        out.errors.push(`concurrent tx: ${x.reason?.code ?? ''} ${String(x.reason?.message).split('\n').pop()}`);
      const after = await counts();
      committedOk &&=
        after.tickets - before.tickets === N_TX_CONCURRENT &&
        after.events - before.events === N_TX_CONCURRENT &&
        after.messages - before.messages === N_TX_CONCURRENT;
    }
    out.txConcurrent = { rounds, median: median(rounds), failures };
    check(`${N_TX_CONCURRENT} concurrent transactions ×${TX_CONCURRENT_ROUNDS}: all committed, no errors`, failures === 0 && committedOk);
  });

  // Transaction semantics that differ between adapters
  await attempt('rollback on throw', async () => {
    const before = await prisma.ticket.count();
    await prisma
      .$transaction(async (tx) => {
        await tx.ticket.create({ data: ticketData(ticketIndex++) });
        throw new Error('deliberate');
      })
      .catch((e) => {
        if (e.message !== 'deliberate') throw e;
      });
    check('a throwing transaction leaves no rows', (await prisma.ticket.count()) === before);
  });
  await attempt('transaction timeout', async () => {
    const before = await prisma.ticket.count();
    let code;
    await prisma
      .$transaction(
        async (tx) => {
          await tx.ticket.create({ data: ticketData(ticketIndex++) });
          await new Promise((resolve) => setTimeout(resolve, 400));
          await tx.ticket.create({ data: ticketData(ticketIndex++) });
        },
        { timeout: 150 },
      )
      .catch((e) => {
        code = e.code ?? e.name;
      });
    const after = await prisma.ticket.count();
    check(
      'a timed-out transaction is rolled back and the database stays usable',
      after === before && code !== undefined,
      `code=${code}, rows added=${after - before}`,
    );
    out.checks['timed-out transaction error code'] = String(code);
  });
  await attempt('isolation level', async () => {
    const level = await prisma.$transaction(
      async (tx) => (await tx.$queryRaw`SELECT current_setting('transaction_isolation') AS level`)[0].level,
      { isolationLevel: 'Serializable' },
    );
    check("$transaction({ isolationLevel: 'Serializable' }) runs serializable", level === 'serializable', `got ${level}`);
  });
  await attempt('batch transaction', async () => {
    const [a, b] = await prisma.$transaction([prisma.ticket.count(), prisma.department.count()]);
    check('$transaction([...]) batch', typeof a === 'number' && typeof b === 'number');
  });

  // Types: enums, arrays, Json, DateTime precision, error codes
  await attempt('types', async () => {
    const when = new Date('2026-03-01T08:15:30.123Z');
    const dep = await prisma.department.create({ data: { name: 'Types', slug: 'types', businessDays: [1, 3, 7], createdAt: when } });
    const back = await prisma.department.findUnique({ where: { id: dep.id } });
    check('Int[] round trip', JSON.stringify(back.businessDays) === '[1,3,7]', JSON.stringify(back.businessDays));
    check('Timestamptz(3) round trip', back.createdAt.toISOString() === when.toISOString(), back.createdAt.toISOString());
    const hook = await prisma.webhook.create({
      data: { url: 'http://x.test', secret: 's', events: ['ticket.created', 'a,b', 'quote"d', ''] },
    });
    const hookBack = await prisma.webhook.findUnique({ where: { id: hook.id } });
    check(
      'String[] round trip (commas, quotes, empty)',
      JSON.stringify(hookBack.events) === JSON.stringify(['ticket.created', 'a,b', 'quote"d', '']),
      JSON.stringify(hookBack.events),
    );
    const payload = { n: 1.5, big: 12345678901, s: 'é "q"', arr: [1, null, { x: [] }], t: true };
    const ev = await prisma.outboxEvent.create({ data: { type: 't', payload } });
    const evBack = await prisma.outboxEvent.findUnique({ where: { id: ev.id } });
    // jsonb does not keep key order, so compare structurally.
    check('Json round trip', isDeepStrictEqual(evBack.payload, payload), JSON.stringify(evBack.payload));
    const jsonFilter = await prisma.outboxEvent.count({ where: { payload: { path: ['s'], equals: 'é "q"' } } });
    check('Json path filter', jsonFilter === 1, String(jsonFilter));
    const byEnum = await prisma.ticket.count({ where: { status: { in: QUEUE_STATUSES } } });
    check('enum filter (status in [...])', byEnum > 0);
    const updated = await prisma.ticket.updateMany({ where: { status: 'CLOSED', number: { lt: 20 } }, data: { status: 'RESOLVED' } });
    check('enum update', updated.count > 0);
    const e1 = await prisma.department.create({ data: { name: 'dup', slug: 'types' } }).catch((e) => e);
    check('unique violation is P2002', e1?.code === 'P2002', e1?.code ?? e1?.message);
    const e2 = await prisma.category
      .create({ data: { name: 'orphan', departmentId: '00000000-0000-7000-8000-000000000000' } })
      .catch((e) => e);
    check('foreign-key violation is P2003', e2?.code === 'P2003', e2?.code ?? e2?.message);
    const n = await prisma.$executeRaw`UPDATE "Department" SET "timeZone" = 'Europe/London' WHERE slug LIKE 'dept-1%'`;
    check('$executeRaw returns the row count', n === 1111, String(n));
  });

  // 4. Queue page over ~5,000 tickets
  {
    const existing = await prisma.ticket.count();
    const now = Date.now();
    for (let made = existing; made < N_TICKETS;) {
      const batch = Math.min(500, N_TICKETS - made);
      await prisma.ticket.createMany({
        data: Array.from({ length: batch }, (_, k) =>
          ticketData(ticketIndex++, { createdAt: new Date(now - (((made + k) * 7919) % 90) * 86_400_000 - k * 1000) }),
        ),
      });
      made += batch;
    }
    out.ticketsForQueue = await prisma.ticket.count();
    const lat = [];
    let rows = 0;
    for (let i = 0; i < N_PAGE; i++) {
      const t = performance.now();
      const page = await prisma.ticket.findMany({ take: 50, orderBy: { createdAt: 'desc' }, where: { status: { in: QUEUE_STATUSES } } });
      lat.push(ms(t));
      rows = page.length;
    }
    out.queuePage = summarise(lat);
    check('queue page returns 50 rows', rows === 50, String(rows));
  }

  // 6. $queryRaw with full-text search and date_trunc group-by
  await attempt('queryRaw full-text', async () => {
    const query = 'wifi & library';
    const expected = await prisma.ticket.count({ where: { title: TITLES[1] } });
    const lat = [];
    let hits;
    for (let i = 0; i < N_RAW; i++) {
      const t = performance.now();
      hits = await prisma.$queryRaw`
        SELECT id, number, ts_rank(to_tsvector('simple'::regconfig, "title" || ' ' || "description"), to_tsquery('simple', ${query})) AS rank
        FROM "Ticket"
        WHERE to_tsvector('simple'::regconfig, "title" || ' ' || "description") @@ to_tsquery('simple', ${query})
        ORDER BY rank DESC, number
        LIMIT 10000`;
      lat.push(ms(t));
    }
    out.rawSearch = summarise(lat);
    check(
      'tsvector @@ to_tsquery via $queryRaw (count matches ORM)',
      hits.length === expected && typeof hits[0].rank === 'number',
      `${hits.length} vs ${expected}`,
    );
    const plan = await prisma.$queryRawUnsafe(
      `EXPLAIN SELECT id FROM "Ticket" WHERE to_tsvector('simple'::regconfig, "title" || ' ' || "description") @@ to_tsquery('simple', 'wifi')`,
    );
    out.checks['full-text plan'] = plan.map((row) => Object.values(row)[0].trim()).join(' / ');
  });
  {
    // Prisma itself cannot deserialise tsvector/tsquery values (whatever the adapter): expected to fail
    // with P2010 on both; casting to text is the way to read one.
    const uncast = await prisma.$queryRaw`SELECT to_tsvector('simple', 'WiFi drops') AS doc`.then(
      () => 'returned a value',
      (e) => `${e.code}: ${/Failed to deserialize column of type '\w+'/.exec(e.message)?.[0] ?? e.message.split('\n').pop()}`,
    );
    out.checks['selecting a raw tsvector value (no cast), outcome'] = uncast;
    await attempt('queryRaw tsvector ::text', async () => {
      const rows = await prisma.$queryRaw`SELECT to_tsvector('simple', 'WiFi drops')::text AS doc, to_tsquery('simple', 'wifi')::text AS q`;
      check(
        'selecting tsvector::text / tsquery::text',
        rows[0].doc === "'drops':2 'wifi':1" && rows[0].q === "'wifi'",
        JSON.stringify(rows[0]),
      );
    });
  }
  await attempt('queryRaw date_trunc', async () => {
    const rows = await prisma.$queryRaw`
      SELECT date_trunc('week', "createdAt", ${'Europe/London'}) AS week, status, count(*) AS n
      FROM "Ticket" GROUP BY 1, 2 ORDER BY 1, 2`;
    const total = rows.reduce((sum, row) => sum + Number(row.n), 0);
    const ok =
      total === (await prisma.ticket.count()) &&
      rows[0].week instanceof Date &&
      typeof rows[0].n === 'bigint' &&
      STATUSES.includes(rows[0].status);
    check(
      'date_trunc group-by via $queryRaw (Date, bigint, enum)',
      ok,
      JSON.stringify(rows[0], (k, v) => (typeof v === 'bigint' ? `${v}n` : v)),
    );
  });

  out.maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  await db.close();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parent: orchestrate children and print tables
function runChild(kind, option, dataDir) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [self, '--child', kind, '--option', option, '--dir', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = ms(t);
      const line = stdout.trim().split('\n').pop();
      if (code !== 0) return reject(new Error(`${kind} ${option} exited ${code}: ${stdout}`));
      resolve({ ...JSON.parse(line), processWallMs: wall });
    });
  });
}

const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
function cell(values, digits = 2) {
  const sorted = [...values].sort((a, b) => a - b);
  return `${fmt(median(sorted), digits)} (${fmt(sorted[0], digits)}–${fmt(sorted[sorted.length - 1], digits)})`;
}

async function parent() {
  const reps = Number(arg('reps', 5));
  const startupReps = Number(arg('startup-reps', 7));
  const outPath = arg('out');
  const only = arg('only'); // "workload" or "startup"
  const scratch = mkdtempSync(join(tmpdir(), 'pglite-wiring-'));
  const env = { node: process.version, cpus: `${cpus().length} × ${cpus()[0]?.model}`, loadavgBefore: loadavg() };
  const results = { env, workload: { A: [], B: [] }, startup: {} };
  try {
    if (only !== 'startup') {
      for (let r = 0; r < reps; r++) {
        for (const option of r % 2 === 0 ? ['A', 'B'] : ['B', 'A']) {
          const dir = join(scratch, `w-${option}-${r}`);
          const res = await runChild('workload', option, dir);
          rmSync(dir, { recursive: true, force: true });
          results.workload[option].push(res);
          process.stderr.write(`workload ${option} #${r + 1}: ${Math.round(res.processWallMs)} ms, errors ${res.errors.length}\n`);
        }
      }
    }
    if (only !== 'workload') {
      const options = ['A', 'B-socket', 'B-exec', 'PGlite alone'];
      for (const o of options) results.startup[o] = { fresh: [], reopen: [] };
      for (let r = 0; r < startupReps; r++) {
        for (const option of r % 2 === 0 ? options : [...options].reverse()) {
          const dir = join(scratch, `s-${option}-${r}`);
          results.startup[option].fresh.push(await runChild('startup', option, dir));
          results.startup[option].reopen.push(await runChild('startup', option, dir));
          rmSync(dir, { recursive: true, force: true });
        }
        process.stderr.write(`startup round ${r + 1} done\n`);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  env.loadavgAfter = loadavg();
  if (outPath) writeFileSync(outPath, JSON.stringify(results, null, 2));
  printTables(results, reps, startupReps);
}

function printTables(results, reps, startupReps) {
  const { A, B } = results.workload;
  console.log(
    `\nNode ${results.env.node}, ${results.env.cpus}; load average before ${results.env.loadavgBefore.map((x) => x.toFixed(2)).join(' ')}, after ${results.env.loadavgAfter.map((x) => x.toFixed(2)).join(' ')}`,
  );
  if (A.length) {
    console.log(`\nWorkload: median (min–max) over ${reps} runs per option, each a fresh process and data folder; milliseconds.\n`);
    console.log('| case | metric | A: socket + adapter-pg | B: pglite-prisma-adapter | A/B |');
    console.log('|---|---|---|---|---|');
    const row = (label, metric, pick, digits = 2) => {
      const a = A.map(pick).filter(Number.isFinite);
      const b = B.map(pick).filter(Number.isFinite);
      const ratio = median(a) / median(b);
      console.log(
        `| ${label} | ${metric} | ${a.length ? cell(a, digits) : 'failed'} | ${b.length ? cell(b, digits) : 'failed'} | ${fmt(ratio, 1)}× |`,
      );
    };
    row('open + migrate (in process)', 'ms', (r) => r.openMs, 0);
    row(`1. ${N_CREATE} × department.create`, 'total', (r) => r.createDepartment.total, 0);
    row('', 'p50 / op', (r) => r.createDepartment.p50);
    row('', 'p95 / op', (r) => r.createDepartment.p95);
    row(`1. ${N_CREATE} × ticket.create`, 'total', (r) => r.createTicket.total, 0);
    row('', 'p50 / op', (r) => r.createTicket.p50);
    row('', 'p95 / op', (r) => r.createTicket.p95);
    row(
      `2. ${N_CONCURRENT_FIND} concurrent findFirst + include 2 relations`,
      `wall (median of ${FIND_ROUNDS} rounds)`,
      (r) => r.concurrentFind.median,
      0,
    );
    row(`3a. ${N_TX_SEQUENTIAL} sequential interactive tx (3 rows)`, 'total', (r) => r.txSequential?.total, 0);
    row('', 'p50 / tx', (r) => r.txSequential?.p50);
    row('', 'p95 / tx', (r) => r.txSequential?.p95);
    row(
      `3b. ${N_TX_CONCURRENT} concurrent interactive tx`,
      `wall (median of ${TX_CONCURRENT_ROUNDS} rounds)`,
      (r) => r.txConcurrent?.median,
      0,
    );
    row(
      `4. queue page (take 50, status in, createdAt desc) over ${A[0].ticketsForQueue} tickets × ${N_PAGE}`,
      'total',
      (r) => r.queuePage.total,
      0,
    );
    row('', 'p50 / query', (r) => r.queuePage.p50);
    row('', 'p95 / query', (r) => r.queuePage.p95);
    row(`6. $queryRaw full-text search × ${N_RAW}`, 'p50 / query', (r) => r.rawSearch?.p50);
    row('peak RSS of the process', 'MB', (r) => r.maxRssMb, 0);
    row('whole workload process', 'wall ms', (r) => r.processWallMs, 0);
    console.log('\nChecks (every run must agree; otherwise each distinct outcome is listed):\n');
    console.log('| check | A | B |');
    console.log('|---|---|---|');
    const names = [...new Set([...A, ...B].flatMap((r) => Object.keys(r.checks)))];
    const outcome = (runs, name) => [...new Set(runs.map((r) => r.checks[name] ?? 'not reached'))].join(' / ');
    for (const name of names) console.log(`| ${name} | ${outcome(A, name)} | ${outcome(B, name)} |`);
    for (const [option, runs] of [
      ['A', A],
      ['B', B],
    ]) {
      const errors = [...new Set(runs.flatMap((r) => r.errors))];
      if (errors.length) console.log(`\nErrors with ${option}:\n${errors.map((e) => `- ${e}`).join('\n')}`);
    }
  }
  const s = results.startup;
  if (Object.keys(s).length) {
    console.log(
      `\nStart-up: median (min–max) over ${startupReps} runs; ms. "in process" = PGlite.create → migrations → Prisma client → first query answered,`,
    );
    console.log(
      'after the modules are loaded ("module imports", timed separately, on the second start); "PGlite alone" = PGlite.create + SELECT 1, the share common to all;',
    );
    console.log('"process" = spawn → exit of a node process that imports the modules, does that, and closes.\n');
    console.log(
      '| option | module imports | fresh data folder, in process | fresh, process | second start, in process | second start, process |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const [option, { fresh, reopen }] of Object.entries(s)) {
      console.log(
        `| ${option}${[...fresh, ...reopen].every((r) => r.migrations === fresh[0].migrations) ? '' : ' (migration count differs!)'} | ${cell(
          reopen.map((r) => r.importMs),
          0,
        )} | ${cell(
          fresh.map((r) => r.firstQuery),
          0,
        )} | ${cell(
          fresh.map((r) => r.processWallMs),
          0,
        )} | ${cell(
          reopen.map((r) => r.firstQuery),
          0,
        )} | ${cell(
          reopen.map((r) => r.processWallMs),
          0,
        )} |`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
if (args.includes('--child')) {
  const kind = arg('child');
  const option = arg('option');
  const dir = arg('dir');
  const result = kind === 'startup' ? await childStartup(option, dir) : await childWorkload(option, dir);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
} else {
  await parent();
}
