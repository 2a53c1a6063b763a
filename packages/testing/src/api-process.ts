// The API as operators run it, in its own process (the build's dist/main.js), started by path so
// no app imports another: for the web apps' end-to-end journeys and for tests of what only
// processes show (signals, several processes sharing Redis and the database, a crash).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@studentdesk/db';
import { graphqlClient, type GraphQLClient } from './graphql-client.js';
import { freePort, waitForHealth } from './loopback.js';
import { TEST_REDIS_KEY_PREFIX } from './redis.js';

/** The built API (`pnpm --filter @studentdesk/api build`). */
export const API_MAIN = join(findRepoRoot(), 'apps', 'api', 'dist', 'main.js');
export const PROCESS_AUTH_SECRET = 'process-test-secret-that-is-long-enough';

export interface ApiProcess {
  port: number;
  /** http://127.0.0.1:<port>, where the web apps are served. */
  origin: string;
  /** The /graphql address. */
  url: string;
  gql: GraphQLClient;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export interface ApiProcessOptions {
  /** The script to run; the built API unless a test says otherwise. */
  main?: string;
  /**
   * How long the process may take to answer /health (default 60 s: a first start on the embedded
   * database migrates inside PGlite, which takes tens of seconds on a loaded machine).
   */
  healthyWithinMs?: number;
  /** Given to node before the script, e.g. `pnpm start:prod`'s heap limit. */
  nodeArgs?: string[];
}

/** Starts dist/main.js with `env` over a quiet default (no demo data, no web apps) and waits until it is healthy. */
export async function startApiProcess(env: Record<string, string>, options: ApiProcessOptions = {}): Promise<ApiProcess> {
  const main = options.main ?? API_MAIN;
  if (!existsSync(main)) throw new Error(`Build the API first (pnpm --filter @studentdesk/api build): ${main} is missing`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'studentdesk-process-'));
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), main], {
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: String(port),
      // Links in emails lead where the test reaches the API.
      PUBLIC_URL: origin,
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
  const healthy = await waitForHealth(origin, {
    timeoutMs: options.healthyWithinMs ?? 60_000,
    gaveUp: () => child.exitCode !== null || child.signalCode !== null,
  });
  if (!healthy) {
    child.kill('SIGKILL');
    throw new Error(`the API process did not become healthy:\n${output}`);
  }
  const url = `${origin}/graphql`;
  return {
    port,
    origin,
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
