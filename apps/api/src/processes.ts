// API_PROCESSES > 1: this process becomes a supervisor that prepares the database once, then runs
// that many API processes sharing one port (node:cluster hands each new connection to the next
// one). It restarts a process that dies (while it starts, the others answer: the port never
// closes), and on SIGTERM stops them all, each finishing its requests in flight.
import cluster, { type Worker } from 'node:cluster';
import { openDatabase } from '@studentdesk/db';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { announceSetupLink } from './school/setup-token.js';

/**
 * More processes than this exiting before they serve, within RESTART_WINDOW_MS, means something is
 * wrong at start (a bad setting, no database): give up. A process that served and then died is
 * always replaced, however often: giving up then would close the port for everyone.
 */
const MAX_FAILED_STARTS = 5;
const RESTART_WINDOW_MS = 30_000;

/** Migrates (and seeds, when asked) and issues the setup link once, so the processes do not race to do it. */
async function prepareDatabase(config: Config, logger: Logger): Promise<void> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    poolSize: 1,
    migrate: config.migrateAtStart || 'verify',
    log: (line) => logger.info(line),
  });
  try {
    if (config.seedDemo === 'always') {
      const { seedDemoSchool } = await import('@studentdesk/db/seed');
      await seedDemoSchool(db.prisma, { log: (line: string) => logger.info(line) });
    }
    await announceSetupLink(db.prisma, config.publicUrl, logger);
  } finally {
    await db.close();
  }
}

/** Resolves with the exit code the supervisor should end with. */
export async function superviseProcesses(config: Config, logger: Logger): Promise<number> {
  await prepareDatabase(config, logger);
  const workerEnv = { SEED_DEMO: 'never' };
  const failedStarts: number[] = [];
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
    let served = false;
    worker.once('listening', () => (served = true));
    worker.on('exit', (code, signal) => {
      if (stopped) return;
      if (!served) {
        const now = Date.now();
        failedStarts.push(now);
        while (failedStarts[0]! < now - RESTART_WINDOW_MS) failedStarts.shift();
        if (failedStarts.length > MAX_FAILED_STARTS) {
          logger.fatal({ failedStarts: failedStarts.length, windowMs: RESTART_WINDOW_MS }, 'API processes keep failing to start: stopping');
          void stopAll('too many failed starts').then(() => exitCode(1));
          return;
        }
      }
      logger.error({ workerPid: worker.process.pid, code, signal, served }, 'an API process exited unexpectedly: starting another');
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
