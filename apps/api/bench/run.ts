// `pnpm bench`: seeds PostgreSQL with a large school, then measures the API under load over
// loopback (autocannon) beside the same work done by direct calls in-process, and writes the
// results to docs/performance.json and the table in docs/performance.md.
//   --scale 75          seed volume (75 ≈ 225,000 tickets, 1,030,000 messages); reused when present
//   --seconds 30        measured seconds per case, after --warmup seconds
//   --connections 50    concurrent connections
//   --pglite-scale 5    seed volume for the embedded-database case
//   --only console      only the console's cases (search, saved-view counts, a 2,000-message
//                       ticket, a bulk change of 500: bench/console.ts); default: every case
//   --only attachments  only the 100 MB upload and download's memory growth (bench/attachments.ts)
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { findRepoRoot, openDatabase, type Database } from '@studentdesk/db';
import { seedDemoSchool } from '@studentdesk/db/seed';
import { freePort, testPostgresUrl, waitForHealth } from '@studentdesk/testing';
import { startSession } from '../src/auth/sessions.js';
import { fromGlobalId, toGlobalId } from '../src/relay/global-id.js';
import { createSchema } from '../src/schema.js';
import { startServer } from '../src/server.js';
import { BENCH_REPORT_TITLES, CASES, QUEUE_CASE, type BenchCase, type BenchFixture } from './cases.js';
import { directLoad, httpLoad, pacedLoad, reportLoad, type HttpLoad, type LoadResult } from './load.js';
import { quietApp } from './quiet-app.js';
import { benchConsole, consoleFixture, consoleMarkdown, type ConsoleBench } from './console.js';
import { signInAsDemo } from './demo-sign-in.js';
import { attachmentMarkdown, benchAttachments, GROWTH_BUDGET_MB, type AttachmentBench } from './attachments.js';
import { MEMBERSHIP_ORDER } from '../src/auth/viewer.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '75' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    'pglite-scale': { type: 'string', default: '5' },
    only: { type: 'string', default: 'all' },
  },
});
if (!['all', 'console', 'attachments'].includes(args.only)) throw new Error(`--only takes "console" or "attachments", got "${args.only}"`);
const scale = Number(args.scale);
const seconds = Number(args.seconds);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const pgliteScale = Number(args['pglite-scale']);

const AUTH_SECRET = 'benchmark-secret-benchmark-secret-0123456789';
/** The API process and the direct calls get the same number of database connections. */
const POOL_SIZE = 20;
/** As `pnpm start:prod` runs the API (root package.json): V8 otherwise grows its heap long before it must. */
const API_NODE_FLAGS = ['--max-old-space-size=192'];
// The API as `pnpm start:prod` runs it: the production build.
const apiMain = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'main.js');
const directServerMain = join(dirname(fileURLToPath(import.meta.url)), 'direct-server.js');
/** The stated load for the queue's latency: each of `connections` staff consoles asks once a second. */
const statedRate = connections;
const log = (line: string) => console.log(`[bench] ${line}`);

interface CaseResult {
  name: string;
  description: string;
  database: 'postgresql' | 'pglite';
  graphql: LoadResult;
  /** Direct Prisma calls in the benchmark's process: no HTTP, no GraphQL. */
  direct: LoadResult;
  ratio: number;
  /** The same direct calls behind a bare HTTP server in its own process: everything but GraphQL. */
  plainHttp: LoadResult;
  ratioToPlainHttp: number;
  sqlPerRequest: number;
  apiPeakRssMb: number;
}

function benchDatabaseUrl(): string {
  if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
  const url = new URL(testPostgresUrl);
  url.pathname = '/studentdesk_bench';
  return url.toString();
}

/** Seeds the benchmark database unless it already holds a school of this scale. */
async function ensureSeeded(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  const name = new URL(url).pathname.slice(1);
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const db = await openDatabase({ databaseUrl: url });
  try {
    const tickets = await db.prisma.ticket.count();
    if (tickets >= 2_900 * scale) return log(`reusing the seeded database (${tickets} tickets)`);
    log(`seeding scale ${scale} (a few minutes)…`);
    const started = Date.now();
    const summary = await seedDemoSchool(db.prisma, { scale, reset: true, log });
    log(`seeded ${JSON.stringify(summary)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await db.close();
  }
}

/** The demo people and a ticket with a long conversation (created once). */
async function loadFixture(db: Database): Promise<Omit<BenchFixture, 'tokens'>> {
  // As the API sees them: with their memberships, which decide what they may see.
  const withMemberships = { memberships: { orderBy: MEMBERSHIP_ORDER } };
  const staff = await db.prisma.user.findUniqueOrThrow({ where: { email: 'staff@studentdesk.demo' }, include: withMemberships });
  const manager = await db.prisma.user.findUniqueOrThrow({ where: { email: 'manager@studentdesk.demo' }, include: withMemberships });
  const category = await db.prisma.category.findFirstOrThrow({ where: { name: 'Login & accounts' } });
  const title = 'Benchmark: a long conversation';
  let ticket = await db.prisma.ticket.findFirst({ where: { title } });
  if (!ticket) {
    const createdAt = new Date(Date.now() - 7 * 86_400_000);
    ticket = await db.prisma.ticket.create({
      data: {
        title,
        description: 'Sixty messages back and forth.',
        priority: 'NORMAL',
        channel: 'PORTAL',
        categoryId: category.id,
        departmentId: category.departmentId,
        contactName: 'Bench',
        contactEmail: 'bench@example.edu',
        assigneeId: staff.id,
        createdAt,
        messages: {
          create: Array.from({ length: 60 }, (_, i) => ({
            body: `Message ${i + 1}`,
            authorId: i % 2 ? staff.id : null,
            createdAt: new Date(createdAt.getTime() + i * 60_000),
          })),
        },
      },
    });
  }
  return {
    staff,
    manager,
    categoryId: category.id,
    categoryGlobalId: toGlobalId('Category', category.id),
    longTicketId: ticket.id,
    longTicketGlobalId: toGlobalId('Ticket', ticket.id),
  };
}

const requestBody = (benchCase: BenchCase, fixture: BenchFixture, query = benchCase.query) =>
  JSON.stringify({ query, variables: benchCase.variables(fixture) });
const authHeaders = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/** SQL statements one request of each case sends, counted in an in-process API on the same data. */
async function countStatements(url: string, fixtureBase: Omit<BenchFixture, 'tokens'>) {
  const statements: string[] = [];
  const db = await openDatabase({ databaseUrl: url, onQuery: (sql) => statements.push(sql) });
  const app = await quietApp(db, AUTH_SECRET);
  const server = await startServer(app, await createSchema(app.pubSub));
  const fixture: BenchFixture = {
    ...fixtureBase,
    tokens: {
      staff: await signInAsDemo(server.url, 'staff@studentdesk.demo'),
      manager: await signInAsDemo(server.url, 'manager@studentdesk.demo'),
    },
  };
  const count = async (benchCase: BenchCase, query?: string) => {
    const send = () =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders(benchCase.token(fixture)) },
        body: requestBody(benchCase, fixture, query),
      });
    await send();
    statements.length = 0;
    await send();
    return statements.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)\b/i.test(sql)).length;
  };
  // One request at a time: the counter sees every statement of the process.
  const perCase: Record<string, number> = {};
  for (const benchCase of CASES) perCase[benchCase.name] = await count(benchCase);
  const queueByPageSize: Record<string, number> = {};
  for (const size of [10, 50, 100])
    queueByPageSize[size] = await count(QUEUE_CASE, QUEUE_CASE.query.replace('first: 50', `first: ${size}`));
  await server.close();
  await db.close();
  return { perCase, queueByPageSize, fixture };
}

interface MeasuredProcess {
  /** The address autocannon loads: the API's /graphql, or the baseline server's root. */
  origin: string;
  process: ChildProcess;
  peakRssMb: () => number;
  resetPeak: () => void;
  stop: () => Promise<void>;
}

const readProc = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // the process is gone
  }
};
const residentMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readProc(`/proc/${pid}/status`))?.[1] ?? 0) / 1024;
const childPids = (pid: number) => readProc(`/proc/${pid}/task/${pid}/children`).split(' ').filter(Boolean).map(Number);

/** A Node program as its own process, configured as `pnpm start:prod` runs it, with its resident memory sampled every 250 ms. */
async function startMeasuredProcess(main: string, env: Record<string, string>): Promise<MeasuredProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...API_NODE_FLAGS, main], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_SECRET,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'never',
      // The report case comes from one address to one recipient: the caps on guest reports and
      // their emails (limits/guest-report-limits.ts) would refuse most of the load it measures.
      GUEST_REPORTS_PER_ADDRESS_PER_HOUR: '1000000',
      GUEST_EMAILS_PER_RECIPIENT_PER_HOUR: '1000000',
      // Throughput is measured, not the query budgets (docs/security.md): a handful of benchmark
      // users ask far more than people do.
      ...Object.fromEntries(
        ['API_KEY', 'USER', 'ANONYMOUS'].flatMap((owner) => [
          [`${owner}_BUDGET`, '100000000'],
          [`${owner}_BUDGET_RESTORE_PER_SECOND`, '1000000'],
        ]),
      ),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  if (!(await waitForHealth(origin, { timeoutMs: 60_000, gaveUp: () => child.exitCode !== null })))
    throw new Error(`${main} did not start`);
  let peak = 0;
  // The largest single process: the API itself, or each API process under a supervisor (API_PROCESSES).
  const sampler = setInterval(() => {
    for (const pid of [child.pid!, ...childPids(child.pid!)]) peak = Math.max(peak, residentMb(pid));
  }, 250);
  return {
    origin,
    process: child,
    peakRssMb: () => Math.round(peak),
    resetPeak: () => {
      peak = 0;
    },
    async stop() {
      clearInterval(sampler);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Warm-up, then the measured run; memory peaks are taken over the measured run only. */
async function measureOverHttp(target: MeasuredProcess, load: Omit<HttpLoad, 'seconds'>): Promise<LoadResult> {
  await httpLoad({ ...load, seconds: warmup });
  target.resetPeak();
  return httpLoad({ ...load, seconds });
}

const graphqlLoad = (api: MeasuredProcess, benchCase: BenchCase, fixture: BenchFixture) => ({
  url: `${api.origin}/graphql`,
  body: requestBody(benchCase, fixture),
  headers: authHeaders(benchCase.token(fixture)),
  connections,
});
const plainHttpLoad = (server: MeasuredProcess, benchCase: BenchCase) => ({
  url: `${server.origin}/${benchCase.name}`,
  body: '{}',
  headers: {},
  connections,
});

/** Each case against the bare HTTP baseline, in its own process on the same database. */
async function measurePlainHttp(
  benchCases: BenchCase[],
  fixture: BenchFixture,
  env: Record<string, string>,
  afterCase: () => Promise<void>,
) {
  const server = await startMeasuredProcess(directServerMain, { ...env, BENCH_FIXTURE: JSON.stringify(fixture) });
  const results: Record<string, LoadResult> = {};
  try {
    for (const benchCase of benchCases) {
      log(`plain HTTP ${benchCase.name}…`);
      results[benchCase.name] = await measureOverHttp(server, plainHttpLoad(server, benchCase));
      await afterCase();
    }
  } finally {
    await server.stop();
  }
  return results;
}

interface ReportCheck {
  confirmed: number;
  /** Confirmed with a ticket, yet not in the database. */
  lost: number;
  refused: number;
  /** Answered with an error, yet in the database. */
  storedDespiteRefusal: number;
}

/** Reliability: every report that answered with a ticket is in the database, and none that answered with an error. */
async function checkReports(api: MeasuredProcess, fixture: BenchFixture, db: Database): Promise<ReportCheck> {
  const reportCase = CASES.find((benchCase) => benchCase.name === 'reportProblem')!;
  const { input } = reportCase.variables(fixture) as { input: Record<string, unknown> };
  const { url, headers } = graphqlLoad(api, reportCase, fixture);
  const outcomes = await reportLoad({ url, headers, connections, seconds: 10, input, mutation: reportCase.query });
  const ids = outcomes.confirmedTicketIds.map((id) => fromGlobalId(id, 'Ticket', 'id'));
  const stored = await db.prisma.ticket.count({ where: { id: { in: ids } } });
  const storedDespiteRefusal = await db.prisma.ticket.count({ where: { idempotencyKey: { in: outcomes.refusedKeys } } });
  return { confirmed: ids.length, lost: ids.length - stored, refused: outcomes.refusedKeys.length, storedDespiteRefusal };
}

/** The reportProblem case adds thousands of open tickets to one department: removed after it, so the queue stays as seeded. */
async function removeBenchReports(db: Database): Promise<void> {
  const { count } = await db.prisma.ticket.deleteMany({ where: { title: { in: Object.values(BENCH_REPORT_TITLES) } } });
  if (!count) return;
  // Thousands of dead rows would otherwise slow the next case's scans until autovacuum comes by.
  for (const table of ['Ticket', 'TicketEvent', 'TrackingCode']) await db.prisma.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
  log(`removed ${count} tickets the reportProblem case wrote, and vacuumed`);
}

interface StatedLoadResult {
  requestsPerSecond: number;
  connections: number;
  result: LoadResult;
}

/** The queue at the stated rate (open loop, Poisson arrivals): warm-up, then the measured run. */
async function queueAtStatedLoad(api: MeasuredProcess, fixture: BenchFixture): Promise<StatedLoadResult> {
  const load = { ...graphqlLoad(api, QUEUE_CASE, fixture), rate: statedRate };
  await pacedLoad({ ...load, seconds: warmup });
  return { requestsPerSecond: statedRate, connections, result: await pacedLoad({ ...load, seconds }) };
}

async function benchPostgres(): Promise<{
  results: CaseResult[];
  statedLoad: StatedLoadResult;
  queueByPageSize: Record<string, number>;
  reports: ReportCheck;
  twoProcesses: TwoProcessesResult;
}> {
  const url = benchDatabaseUrl();
  await ensureSeeded(url);
  const db = await openDatabase({ databaseUrl: url, poolSize: POOL_SIZE });
  await removeBenchReports(db);
  const fixtureBase = await loadFixture(db);
  const { perCase, queueByPageSize, fixture } = await countStatements(url, fixtureBase);
  const processEnv = { DATABASE_URL: url, DB_POOL_SIZE: String(POOL_SIZE) };

  const app = await quietApp(db, AUTH_SECRET);
  const direct: Record<string, LoadResult> = {};
  for (const benchCase of CASES) {
    log(`direct ${benchCase.name}…`);
    await directLoad(() => benchCase.direct(app, fixture), connections, warmup);
    direct[benchCase.name] = await directLoad(() => benchCase.direct(app, fixture), connections, seconds);
    await removeBenchReports(db);
  }
  const plainHttp = await measurePlainHttp(CASES, fixture, processEnv, () => removeBenchReports(db));

  const api = await startMeasuredProcess(apiMain, processEnv);
  const results: CaseResult[] = [];
  let reports: ReportCheck;
  let statedLoad: StatedLoadResult;
  try {
    for (const benchCase of CASES) {
      log(`graphql ${benchCase.name}…`);
      const graphql = await measureOverHttp(api, graphqlLoad(api, benchCase, fixture));
      results.push(
        caseResult(
          benchCase,
          'postgresql',
          { graphql, direct: direct[benchCase.name]!, plainHttp: plainHttp[benchCase.name]! },
          perCase[benchCase.name]!,
          api.peakRssMb(),
        ),
      );
      await removeBenchReports(db);
    }
    log(`graphql queue at ${statedRate} requests/s…`);
    statedLoad = await queueAtStatedLoad(api, fixture);
    reports = await checkReports(api, fixture, db);
    await removeBenchReports(db);
  } finally {
    await api.stop();
  }
  try {
    return { results, statedLoad, queueByPageSize, reports, twoProcesses: await queueOnTwoProcesses(processEnv, fixture) };
  } finally {
    await db.close();
  }
}

interface TwoProcessesResult {
  saturated: LoadResult;
  statedLoad: StatedLoadResult;
  peakRssMbPerProcess: number;
}

/** The queue again with API_PROCESSES=2 (Redis shared), saturated and at the stated load: what a second core's process adds. */
async function queueOnTwoProcesses(processEnv: Record<string, string>, fixture: BenchFixture): Promise<TwoProcessesResult> {
  const api = await startMeasuredProcess(apiMain, {
    ...processEnv,
    API_PROCESSES: '2',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  });
  try {
    log('graphql queue on two API processes…');
    const saturated = await measureOverHttp(api, graphqlLoad(api, QUEUE_CASE, fixture));
    log(`graphql queue on two API processes at ${statedRate} requests/s…`);
    const statedLoad = await queueAtStatedLoad(api, fixture);
    return { saturated, statedLoad, peakRssMbPerProcess: api.peakRssMb() };
  } finally {
    await api.stop();
  }
}

function caseResult(
  benchCase: BenchCase,
  database: CaseResult['database'],
  loads: { graphql: LoadResult; direct: LoadResult; plainHttp: LoadResult },
  sqlPerRequest: number,
  apiPeakRssMb: number,
): CaseResult {
  return {
    name: database === 'pglite' ? `${benchCase.name} (embedded)` : benchCase.name,
    description: benchCase.description,
    database,
    ...loads,
    ratio: loads.graphql.requestsPerSecond / loads.direct.requestsPerSecond,
    ratioToPlainHttp: loads.graphql.requestsPerSecond / loads.plainHttp.requestsPerSecond,
    sqlPerRequest,
    apiPeakRssMb,
  };
}

async function benchPglite(): Promise<CaseResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'studentdesk-bench-pglite-'));
  const db = await openDatabase({ dataDir });
  log(`seeding the embedded database at scale ${pgliteScale}…`);
  await seedDemoSchool(db.prisma, { scale: pgliteScale });
  const fixtureBase = await loadFixture(db);
  const tickets = await db.prisma.ticket.count();
  const app = await quietApp(db, AUTH_SECRET);
  const fixture: BenchFixture = {
    ...fixtureBase,
    tokens: {
      staff: (await startSession(app, fixtureBase.staff.id)).token,
      manager: (await startSession(app, fixtureBase.manager.id)).token,
    },
  };
  await directLoad(() => QUEUE_CASE.direct(app, fixture), connections, warmup);
  const direct = await directLoad(() => QUEUE_CASE.direct(app, fixture), connections, seconds);
  await db.close();

  // The embedded database admits one process at a time: the baseline server, then the API.
  const processEnv = { DATA_DIR: dataDir, DATABASE_URL: '' };
  const plainHttp = await measurePlainHttp([QUEUE_CASE], fixture, processEnv, async () => {});
  const api = await startMeasuredProcess(apiMain, processEnv);
  try {
    log('graphql queue on the embedded database…');
    const graphql = await measureOverHttp(api, graphqlLoad(api, QUEUE_CASE, fixture));
    const result = caseResult(QUEUE_CASE, 'pglite', { graphql, direct, plainHttp: plainHttp[QUEUE_CASE.name]! }, NaN, api.peakRssMb());
    return { ...result, description: `${QUEUE_CASE.description}, on embedded PGlite with ${tickets.toLocaleString('en')} tickets` };
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The console's cases (bench/console.ts) against the API process on the seeded PostgreSQL database. */
async function benchConsoleOnPostgres(): Promise<ConsoleBench> {
  const url = benchDatabaseUrl();
  await ensureSeeded(url);
  const db = await openDatabase({ databaseUrl: url, poolSize: POOL_SIZE });
  let fixture;
  try {
    const { manager } = await loadFixture(db);
    fixture = await consoleFixture(db, manager);
    // The fixture's thousands of new rows, counted before the planner is asked about them.
    for (const table of ['Ticket', 'Message', 'TicketSearch']) await db.prisma.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
  } finally {
    await db.close();
  }
  const api = await startMeasuredProcess(apiMain, { DATABASE_URL: url, DB_POOL_SIZE: String(POOL_SIZE) });
  try {
    const graphqlUrl = `${api.origin}/graphql`;
    return await benchConsole(graphqlUrl, await signInAsDemo(graphqlUrl, 'manager@studentdesk.demo'), fixture, seconds, log);
  } finally {
    await api.stop();
  }
}

/** Replaces the text between a marker pair of docs/performance.md. */
function writeBetweenMarkers(markdown: string, marker: string, body: string): string {
  const pattern = new RegExp(`<!-- ${marker}:start[\\s\\S]*?<!-- ${marker}:end -->`);
  if (!pattern.test(markdown)) throw new Error(`docs/performance.md has no ${marker} markers`);
  return markdown.replace(
    pattern,
    `<!-- ${marker}:start (written by \`pnpm bench\`; do not edit by hand) -->\n${body}\n<!-- ${marker}:end -->`,
  );
}

async function writeConsoleResults(started: Date, bench: ConsoleBench) {
  const docs = join(findRepoRoot(), 'docs');
  const run = {
    startedAt: started.toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    settings: { scale, seconds },
    ...bench,
  };
  writeFileSync(join(docs, 'performance-console.json'), `${JSON.stringify(run, null, 2)}\n`);
  const markdownPath = join(docs, 'performance.md');
  const body = [
    `Run ${run.startedAt} · ${run.machine.cpus} cores · Node ${run.machine.node} · scale ${scale} · ${seconds} s per paced case, manager (every department) over HTTP to the API process.`,
    '',
    consoleMarkdown(bench),
  ].join('\n');
  writeFileSync(markdownPath, writeBetweenMarkers(readFileSync(markdownPath, 'utf8'), 'bench-console', body));
  console.log(`\n${consoleMarkdown(bench)}\n`);
  log('wrote docs/performance-console.json and the console section of docs/performance.md');
}

function markdownTable(results: CaseResult[]): string {
  const ms = (value: number) => value.toFixed(1);
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.database} | ${r.graphql.requestsPerSecond.toFixed(0)} | ${ms(r.graphql.p50)} | ${ms(r.graphql.p99)} | ${r.graphql.errors} | ${Number.isNaN(r.sqlPerRequest) ? '–' : r.sqlPerRequest} | ${r.direct.requestsPerSecond.toFixed(0)} | ${r.ratio.toFixed(2)} | ${r.plainHttp.requestsPerSecond.toFixed(0)} | ${r.ratioToPlainHttp.toFixed(2)} | ${r.apiPeakRssMb} |`,
  );
  return [
    '| case | database | GraphQL req/s | p50 ms | p99 ms | errors | SQL/request | direct calls/s | GraphQL ÷ direct | plain HTTP req/s | GraphQL ÷ plain HTTP | API peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The attachments section of docs/performance.md; fails the run when the growth is over budget. */
async function writeAttachmentResults(started: Date, bench: AttachmentBench) {
  const markdownPath = join(findRepoRoot(), 'docs', 'performance.md');
  const body = [
    `Run ${started.toISOString()} · ${(await import('node:os')).cpus().length} cores · Node ${process.version} · the API process with --max-old-space-size=192 on PostgreSQL, files on disk.`,
    '',
    attachmentMarkdown(bench),
  ].join('\n');
  writeFileSync(markdownPath, writeBetweenMarkers(readFileSync(markdownPath, 'utf8'), 'bench-attachments', body));
  console.log(`\n${attachmentMarkdown(bench)}\n`);
  log('wrote the attachments section of docs/performance.md');
  const worst = Math.max(bench.uploadPeakGrowthMb, bench.downloadPeakGrowthMb);
  if (worst >= GROWTH_BUDGET_MB) throw new Error(`attachments: the API grew by ${worst} MB, over the ${GROWTH_BUDGET_MB} MB budget`);
}

async function main() {
  const started = new Date();
  if (args.only === 'attachments') return writeAttachmentResults(started, await benchAttachments(API_NODE_FLAGS, log));
  await writeConsoleResults(started, await benchConsoleOnPostgres());
  if (args.only === 'console') return;
  await writeAttachmentResults(started, await benchAttachments(API_NODE_FLAGS, log));
  const postgres = await benchPostgres();
  const embedded = await benchPglite();
  const results = [...postgres.results, embedded];
  const two = postgres.twoProcesses;
  const run = {
    startedAt: started.toISOString(),
    machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
    settings: { scale, seconds, warmup, connections, pgliteScale },
    queueSqlByPageSize: postgres.queueByPageSize,
    queueAtStatedLoad: postgres.statedLoad,
    queueOnTwoProcesses: postgres.twoProcesses,
    reports: postgres.reports,
    results,
  };
  const docs = join(findRepoRoot(), 'docs');
  writeFileSync(join(docs, 'performance.json'), `${JSON.stringify(run, null, 2)}\n`);
  const markdownPath = join(docs, 'performance.md');
  const markdown = readFileSync(markdownPath, 'utf8');
  const generated = [
    '<!-- bench:start (written by `pnpm bench`; do not edit by hand) -->',
    `Run ${started.toISOString()} · ${run.machine.cpus} cores · Node ${run.machine.node} · scale ${scale} · ${connections} connections · ${seconds} s per case after ${warmup} s warm-up.`,
    '',
    markdownTable(results),
    '',
    `Queue at a stated load of ${postgres.statedLoad.requestsPerSecond} requests/s (${postgres.statedLoad.connections} consoles each asking about once a second at random moments: Poisson arrivals, open loop, at most ${postgres.statedLoad.connections} connections): p50 ${postgres.statedLoad.result.p50.toFixed(1)} ms, p99 ${postgres.statedLoad.result.p99.toFixed(1)} ms, ${postgres.statedLoad.result.errors} errors.`,
    `Queue on two API processes (API_PROCESSES=2, Redis): ${two.saturated.requestsPerSecond.toFixed(0)} requests/s, p50 ${two.saturated.p50.toFixed(1)} ms, p99 ${two.saturated.p99.toFixed(1)} ms, ${two.saturated.errors} errors; at the stated ${two.statedLoad.requestsPerSecond} requests/s: p50 ${two.statedLoad.result.p50.toFixed(1)} ms, p99 ${two.statedLoad.result.p99.toFixed(1)} ms, ${two.statedLoad.result.errors} errors; peak RSS ${two.peakRssMbPerProcess} MB per process.`,
    `SQL statements for the queue by page size: ${Object.entries(postgres.queueByPageSize)
      .map(([size, count]) => `${size} tickets → ${count}`)
      .join(', ')}.`,
    `Reports under load for 10 s, each with its own idempotency key: ${postgres.reports.confirmed} answered with a ticket, ${postgres.reports.lost} of them missing from the database; ${postgres.reports.refused} answered with an error, ${postgres.reports.storedDespiteRefusal} of them stored anyway.`,
    '<!-- bench:end -->',
  ].join('\n');
  writeFileSync(markdownPath, markdown.replace(/<!-- bench:start[\s\S]*?<!-- bench:end -->/, generated));
  console.log(`\n${markdownTable(results)}\n`);
  log('wrote docs/performance.json and docs/performance.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
