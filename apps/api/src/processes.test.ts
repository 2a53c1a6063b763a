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

  it('answers on one port from two processes, replaces one that dies, and stops them all on SIGTERM', async () => {
    const [first, second] = readyPids(api) as [number, number];
    expect(first).not.toBe(second);
    expect(api.child.pid).not.toBe(first);
    expect(await answeredBy(api, 'before', 8)).toEqual(new Set([first, second]));

    process.kill(first, 'SIGKILL');
    await until(() => readyPids(api).length === 3, 30_000, 'a replacement process ready');
    const replacement = readyPids(api)[2]!;
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
