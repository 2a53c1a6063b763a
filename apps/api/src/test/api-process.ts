// The API as operators run it, in its own process (the build's dist/main.js): for tests of what
// only processes show (signals, several processes sharing Redis and the database, a crash).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForHealth } from '../loopback.js';
import { graphqlClient, type GraphQLClient } from './api.js';
import { TEST_REDIS_KEY_PREFIX } from './redis.js';

const MAIN = join(import.meta.dirname, '..', '..', 'dist', 'main.js');
export const PROCESS_AUTH_SECRET = 'process-test-secret-that-is-long-enough';

export interface ApiProcess {
  port: number;
  url: string;
  gql: GraphQLClient;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Starts dist/main.js with `env` over a quiet default (no demo data, no web apps) and waits until it is healthy. */
export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'studentdesk-process-'));
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      AUTH_SECRET: PROCESS_AUTH_SECRET,
      DATA_DIR: dataDir,
      SEED_DEMO: 'never',
      LOG_LEVEL: 'info',
      PORTAL_DIST: '/nonexistent',
      CONSOLE_DIST: '/nonexistent',
      REDIS_KEY_PREFIX: TEST_REDIS_KEY_PREFIX,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      rmSync(dataDir, { recursive: true, force: true });
      resolve(code);
    }),
  );
  const healthy = await waitForHealth(`http://127.0.0.1:${port}`, { gaveUp: () => child.exitCode !== null || child.signalCode !== null });
  if (!healthy) {
    child.kill('SIGKILL');
    throw new Error(`the API process did not become healthy:\n${output}`);
  }
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    port,
    url,
    gql: graphqlClient(url),
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
