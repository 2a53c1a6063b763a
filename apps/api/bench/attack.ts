// `pnpm attack`: the transport attack of issue 14 (src/test/attack.ts) for a minute against the
// API as it is run in production, twice: `pnpm start:prod` (one process, NODE_ENV=production,
// --max-old-space-size=192, the embedded database with the demo school) and API_PROCESSES=2 on
// PostgreSQL and Redis (same flags). It records what was refused and why, the student's report
// latency, /health's, and each API process's peak RSS and V8 heap (from --trace-gc), and writes
// docs/security.json and the figures in docs/security.md.
//   --seconds 60    length of each attack
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { findRepoRoot } from '@studentdesk/db';
import { freePort, testPostgresUrl, waitForHealth } from '@studentdesk/testing';
import { runAttack, type AttackReport } from '../src/test/attack.js';
import { signInAsDemo } from './demo-sign-in.js';
import { rssMb } from './process-memory.js';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '60' } } });
const seconds = Number(args.seconds);
const AUTH_SECRET = 'attack-secret-attack-secret-0123456789';
/** As the root package.json's `start:prod`, plus V8's GC lines to read the heap from. */
const NODE_FLAGS = ['--max-old-space-size=192', '--trace-gc'];
const apiMain = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'main.js');
const log = (line: string) => console.log(`[attack] ${line}`);

interface Target {
  name: string;
  env: Record<string, string>;
}

interface TargetResult {
  name: string;
  report: AttackReport;
  /** Peak RSS of each API process (the supervisor included), MB. */
  peakRssMb: number[];
  /** The largest V8 heap of any API process, MB. */
  peakHeapMb: { beforeCollection: number; live: number };
  /** RSS of each API process when the attack began, MB. */
  startRssMb: number[];
  /** API processes that died during the attack. */
  deaths: number;
  alive: boolean;
  loadAverage: number[];
}

/** The process and its descendants, from /proc. */
function processTree(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index += 1) {
    for (const [pid, parent] of parents) if (parent === tree[index]) tree.push(pid);
  }
  return tree;
}

/**
 * From `[pid:0x…]  123 ms: Mark-Compact 150.2 (170.5) -> 80.1 (160.0) MB …` lines: the largest heap
 * before a collection (garbage included: V8 lets it grow towards the limit), and the largest that
 * survived a full collection (what the process really holds).
 */
function peakHeapMb(output: string): { beforeCollection: number; live: number } {
  const peak = { beforeCollection: 0, live: 0 };
  for (const match of output.matchAll(/ms: ([\w-]+)(?: \([^)]*\))? ([\d.]+) \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/g)) {
    peak.beforeCollection = Math.max(peak.beforeCollection, Number(match[2]));
    if (match[1] === 'Mark-Compact') peak.live = Math.max(peak.live, Number(match[3]));
  }
  return { beforeCollection: Math.round(peak.beforeCollection), live: Math.round(peak.live) };
}

async function firstCategory(url: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ categories { id } }' }),
  });
  const body = (await response.json()) as { data: { categories: Array<{ id: string }> } };
  return body.data.categories[0]!.id;
}

async function attack(target: Target): Promise<TargetResult> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'studentdesk-attack-'));
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [...NODE_FLAGS, apiMain], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      AUTH_SECRET,
      DATA_DIR: dataDir,
      PORTAL_DIST: '/nonexistent',
      CONSOLE_DIST: '/nonexistent',
      LOG_LEVEL: 'warn',
      ...target.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  try {
    const origin = `http://127.0.0.1:${port}`;
    if (!(await waitForHealth(origin, { timeoutMs: 120_000, gaveUp: () => child.exitCode !== null }))) {
      throw new Error(`${target.name} did not start:\n${output.slice(-3000)}`);
    }
    const url = `${origin}/graphql`;
    const studentToken = await signInAsDemo(url, 'student@studentdesk.demo');
    const categoryId = await firstCategory(url);

    const startRssMb = processTree(child.pid!).map((pid) => Math.round(rssMb(pid)));
    const peakRss = new Map<number, number>();
    const sample = setInterval(() => {
      for (const pid of processTree(child.pid!)) peakRss.set(pid, Math.max(peakRss.get(pid) ?? 0, rssMb(pid)));
    }, 250);
    log(`${target.name}: attacking for ${seconds} s`);
    const report = await runAttack({ url, studentToken, categoryId }, { seconds });
    clearInterval(sample);
    const alive = child.exitCode === null && (await waitForHealth(origin, { timeoutMs: 5000 }));
    return {
      name: target.name,
      report,
      peakRssMb: [...peakRss.values()].filter((mb) => mb > 0).map((mb) => Math.round(mb)),
      peakHeapMb: peakHeapMb(output),
      startRssMb,
      deaths: (output.match(/an API process exited unexpectedly/g) ?? []).length + (child.exitCode === null ? 0 : 1),
      alive,
      loadAverage: loadavg().map((load) => Math.round(load * 10) / 10),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function markdown(results: TargetResult[], startedAt: Date): string {
  const reasons = [...new Set(results.flatMap((result) => Object.keys(result.report.refused)))].sort();
  const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [
    '<!-- attack:start (written by `pnpm attack`; do not edit by hand) -->',
    `Run ${startedAt.toISOString()} · ${cpus().length} cores · Node ${process.version} · ${seconds} s per target; the attacker, the student and the health checks run on the same machine as the API.`,
    '',
    row(['', ...results.map((result) => result.name)]),
    row(['---', ...results.map(() => '---')]),
    row(['API alive at the end', ...results.map((result) => (result.alive ? 'yes' : '**no**'))]),
    row(['API processes that died', ...results.map((result) => result.deaths)]),
    row([
      'student reports: answered / failed',
      ...results.map(
        (result) =>
          `${result.report.studentReports.count - result.report.studentReports.failures} / ${result.report.studentReports.failures}`,
      ),
    ]),
    row(['student report p50 / p99 / max (ms)', ...results.map(({ report: { studentReports: s } }) => `${s.p50} / ${s.p99} / ${s.max}`)]),
    row(['/health checks: answered / failed', ...results.map(({ report: { health: h } }) => `${h.count - h.failures} / ${h.failures}`)]),
    row(['/health p50 / p99 / max (ms)', ...results.map(({ report: { health: h } }) => `${h.p50} / ${h.p99} / ${h.max}`)]),
    row([
      'RSS per process before → peak (MB)',
      ...results.map((result) => `${result.startRssMb.join(', ')} → ${result.peakRssMb.join(', ')}`),
    ]),
    row([
      'V8 heap: peak before a collection / peak live after a full one (MB, limit 192)',
      ...results.map(({ peakHeapMb: heap }) => `${heap.beforeCollection} / ${heap.live}`),
    ]),
    row(['attack operations answered', ...results.map((result) => result.report.answered)]),
    ...reasons.map((reason) => row([`refused: ${reason}`, ...results.map((result) => result.report.refused[reason] ?? 0)])),
    row(['machine load average (1, 5, 15 min) at the end', ...results.map((result) => result.loadAverage.join(', '))]),
    '<!-- attack:end -->',
  ].join('\n');
}

async function main() {
  const startedAt = new Date();
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  const database = `studentdesk_attack_${randomUUID().replaceAll('-', '')}`;
  await admin.query(`CREATE DATABASE "${database}"`);
  const databaseUrl = new URL(testPostgresUrl);
  databaseUrl.pathname = `/${database}`;
  const results: TargetResult[] = [];
  try {
    results.push(await attack({ name: '`pnpm start:prod` (1 process, embedded database)', env: { SEED_DEMO: 'auto' } }));
    results.push(
      await attack({
        name: 'API_PROCESSES=2, PostgreSQL, Redis',
        env: {
          API_PROCESSES: '2',
          DATABASE_URL: databaseUrl.toString(),
          REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
          REDIS_KEY_PREFIX: `studentdesk-attack-${randomUUID()}:`,
          SEED_DEMO: 'always',
        },
      }),
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
  const docs = join(findRepoRoot(), 'docs');
  writeFileSync(join(docs, 'security.json'), `${JSON.stringify({ startedAt, seconds, results }, null, 2)}\n`);
  const generated = markdown(results, startedAt);
  const markdownPath = join(docs, 'security.md');
  writeFileSync(markdownPath, readFileSync(markdownPath, 'utf8').replace(/<!-- attack:start[\s\S]*?<!-- attack:end -->/, generated));
  console.log(`\n${generated}\n`);
  log('wrote docs/security.json and docs/security.md');
  if (results.some((result) => !result.alive)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
