// API_PROCESSES=2 as operators run it: the built dist/main.js supervising two API processes on one
// port, on real PostgreSQL and Redis. Which process answered is read from the JSON log (pid).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiProcess, createTestDatabase, REDIS_URL, startApiProcess, type TestDatabase, until } from '@studentdesk/testing';

interface LogLine {
  pid?: number;
  msg?: string;
  req?: { id?: string };
}

const logLines = (api: ApiProcess): LogLine[] =>
  api
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);

const readyPids = (api: ApiProcess) =>
  logLines(api)
    .filter((line) => line.msg?.startsWith('StudentDesk API ready'))
    .map((line) => line.pid!);

/** A GraphQL request on a new connection each time, so the supervisor hands it to the next process. */
const ask = (api: ApiProcess, requestId: string) =>
  new Promise<number>((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'x-request-id': requestId };
    request({ host: '127.0.0.1', port: api.port, path: '/graphql', method: 'POST', agent: false, headers }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode!));
    })
      .on('error', reject)
      .end(JSON.stringify({ query: '{ __typename }' }));
  });

/** The pids of the processes that answered these requests, from their log lines. */
async function answeredBy(api: ApiProcess, prefix: string, count: number): Promise<Set<number>> {
  const ids = Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
  for (const id of ids) expect(await ask(api, id)).toBe(200);
  const answered = () => logLines(api).filter((line) => ids.includes(line.req?.id ?? ''));
  await until(() => answered().length === count, 5000, 'a log line for every request');
  return new Set(answered().map((line) => line.pid!));
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const alivePids = (api: ApiProcess) => readyPids(api).filter(isRunning);

/** GET /health on a new connection, so the supervisor hands each to the next process. */
const health = (api: ApiProcess) =>
  new Promise<number>((resolve, reject) => {
    request({ host: '127.0.0.1', port: api.port, path: '/health', agent: false, timeout: 5000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode!));
    })
      .on('timeout', () => reject(new Error('timeout')))
      .on('error', reject)
      .end();
  });

describe('API_PROCESSES=2', () => {
  let db: TestDatabase;
  let api: ApiProcess;

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    api = await startApiProcess({ DATABASE_URL: db.url, REDIS_URL, API_PROCESSES: '2' });
    await until(() => readyPids(api).length === 2, 30_000, 'two API processes ready');
  }, 60_000);

  afterAll(async () => {
    await api?.stop('SIGKILL');
    await db?.drop();
  });

  it('keeps /health answering within 100 ms (the median), from the other process while one is replaced', async () => {
    const [victim] = alivePids(api) as [number, number];
    const checks: Array<{ afterDeath: boolean; ms: number; status: number | string }> = [];
    const deathNoticed = () => api.output().includes('an API process exited unexpectedly');
    let polling = true;
    const poll = (async () => {
      while (polling) {
        // A check the dying process had already taken may die with it; every later one must be answered.
        const afterDeath = deathNoticed();
        const started = performance.now();
        const status = await health(api).catch((error: Error) => error.message);
        checks.push({ afterDeath, ms: performance.now() - started, status });
        // Paced like a load balancer's check, only much more often.
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await until(() => checks.length >= 10, 5000, 'health answers before');
    process.kill(victim, 'SIGKILL');
    await until(() => readyPids(api).length === 3, 30_000, 'a replacement process ready');
    await until(() => checks.filter((check) => check.afterDeath).length >= 20, 5000, 'health answers after');
    polling = false;
    await poll;
    const before = checks.filter((check) => !check.afterDeath);
    const after = checks.filter((check) => check.afterDeath);
    expect(before.filter((check) => check.status !== 200).length).toBeLessThanOrEqual(1);
    expect(after.filter((check) => check.status !== 200)).toEqual([]);
    // Within 100 ms as a rule (docs/security.md has the figures); the machines running the tests are
    // shared, so some checks may wait for a core while the replacement starts.
    const answered = after.filter((check) => check.status === 200).map((check) => check.ms);
    const median = [...answered].sort((a, b) => a - b)[Math.floor(answered.length / 2)]!;
    expect(median, JSON.stringify(answered.map(Math.round))).toBeLessThan(100);
    expect(Math.max(...answered)).toBeLessThan(2000);
  }, 60_000);

  it('replaces processes that served and died, however many die in a row, and keeps the port answering', async () => {
    // Six deaths within the supervisor's 30-second window: once the limit for processes that fail to start.
    for (let death = 0; death < 6; death += 1) {
      const started = readyPids(api).length;
      process.kill(alivePids(api)[0]!, 'SIGKILL');
      await until(() => readyPids(api).length === started + 1, 30_000, `replacement ${death + 1}`);
    }
    expect(isRunning(api.child.pid!)).toBe(true);
    expect(api.output()).not.toContain('keep failing to start');
    expect(await health(api)).toBe(200);
  }, 180_000);

  it('answers on one port from two processes, replaces one that dies, and stops them all on SIGTERM', async () => {
    const [first, second] = alivePids(api) as [number, number];
    expect(first).not.toBe(second);
    expect(api.child.pid).not.toBe(first);
    expect(await answeredBy(api, 'before', 8)).toEqual(new Set([first, second]));

    const started = readyPids(api).length;
    process.kill(first, 'SIGKILL');
    await until(() => readyPids(api).length === started + 1, 30_000, 'a replacement process ready');
    const replacement = readyPids(api)[started]!;
    expect(api.output()).toContain('an API process exited unexpectedly: starting another');
    expect(await answeredBy(api, 'after', 8)).toEqual(new Set([second, replacement]));

    expect(await api.stop('SIGTERM')).toBe(0);
    expect(isRunning(second) || isRunning(replacement)).toBe(false);
    // Each process finished its own requests and closed its pool before the supervisor exited.
    expect(
      logLines(api)
        .filter((line) => line.msg === 'stopped')
        .map((line) => line.pid)
        .sort(),
    ).toEqual([api.child.pid, second, replacement].sort());
  }, 90_000);
});
