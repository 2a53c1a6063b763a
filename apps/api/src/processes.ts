// API_PROCESSES > 1: this process becomes a supervisor that prepares the database once, then runs
// that many API processes sharing one port (node:cluster hands each new connection to the next
// one). It restarts a process that dies, and on SIGTERM stops them all, each finishing its
// requests in flight.
import cluster, { type Worker } from 'node:cluster';
import { openDatabase } from '@studentdesk/db';
import type { Logger } from 'pino';
import type { Config } from './config.js';

/** More unexpected exits than this within RESTART_WINDOW_MS means something is wrong at start: give up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 30_000;

/** Migrates (and seeds, when asked) once, so the processes do not race to do it. */
async function prepareDatabase(config: Config, logger: Logger): Promise<void> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1, log: (line) => logger.info(line) });
  try {
    if (config.seedDemo === 'always') {
      const { seedDemoSchool } = await import('@studentdesk/db/seed');
      await seedDemoSchool(db.prisma, { log: (line: string) => logger.info(line) });
    }
  } finally {
    await db.close();
  }
}

/** Resolves with the exit code the supervisor should end with. */
export async function superviseProcesses(config: Config, logger: Logger): Promise<number> {
  await prepareDatabase(config, logger);
  const workerEnv = { SEED_DEMO: 'never' };
  const recentExits: number[] = [];
  let exitCode: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (exitCode = resolve));

  // One stop, whoever asks first (a signal, or too many deaths); later asks wait for the same.
  let stopped: Promise<void> | undefined;
  // Waits for each process's own exit: cluster.workers may still list the last one when it exits
  // (it is removed once its IPC channel closes), and waiting for an empty list then hung the
  // supervisor until Node ended it with exit code 13.
  const stopAll = (reason: string) =>
    (stopped ??= (async () => {
      logger.info({ reason }, 'stopping every API process');
      const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
      await Promise.all(
        running.map((worker) => {
          const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
          worker.process.kill('SIGTERM');
          return exit;
        }),
      );
    })());

  const start = () => {
    const worker = cluster.fork(workerEnv);
    worker.on('exit', (code, signal) => {
      if (stopped) return;
      const now = Date.now();
      recentExits.push(now);
      while (recentExits[0]! < now - RESTART_WINDOW_MS) recentExits.shift();
      if (recentExits.length > MAX_RESTARTS) {
        logger.fatal({ exits: recentExits.length, windowMs: RESTART_WINDOW_MS }, 'API processes keep exiting: stopping');
        void stopAll('too many exits').then(() => exitCode(1));
        return;
      }
      logger.error({ workerPid: worker.process.pid, code, signal }, 'an API process exited unexpectedly: starting another');
      start();
    });
  };

  for (let index = 0; index < config.processes; index += 1) start();
  logger.info({ processes: config.processes }, `started ${config.processes} API processes on port ${config.port}`);

  const finish = async (signal: NodeJS.Signals) => {
    await stopAll(signal);
    logger.info('stopped');
    exitCode(0);
  };
  process.on('SIGTERM', () => void finish('SIGTERM'));
  // Ctrl-C in a terminal reaches every process of the group; each finishes its own requests.
  process.on('SIGINT', () => void finish('SIGINT'));
  return exited;
}
