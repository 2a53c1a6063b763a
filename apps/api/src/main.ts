// `pnpm start`: the API on PostgreSQL (DATABASE_URL) or, by default, the embedded database with
// the demo school loaded on first start. With API_PROCESSES above 1, this process supervises that
// many API processes sharing the port (processes.ts).
import 'reflect-metadata';
import cluster from 'node:cluster';
import { openDatabase } from '@studentdesk/db';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { fileClock, systemClock } from './clock.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger, prettyLines } from './logger.js';
import { superviseProcesses } from './processes.js';
import { createSchema } from './schema.js';
import { announceSetupLink } from './school/setup-token.js';
import { startServer } from './server.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** In-flight requests get this long to finish before the process exits regardless. */
const SHUTDOWN_DEADLINE_MS = 15_000;

async function serve(config: Config, logger: Logger): Promise<void> {
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    poolWaitMs: config.dbPoolWaitMs,
    migrate: config.migrateAtStart || 'verify',
    log: (line) => logger.info(line),
  });
  logger.info({ database: db.kind }, db.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'connected to PostgreSQL');

  if (config.seedDemo === 'always' || (config.seedDemo === 'auto' && db.kind === 'pglite')) {
    const { seedDemoSchool } = await import('@studentdesk/db/seed');
    await seedDemoSchool(db.prisma, { log: (line: string) => logger.info(line) });
  }

  const { app, inboundSmtp, stopBackgroundWork } = await createApp(
    config,
    db,
    logger,
    config.clockFile ? fileClock(config.clockFile) : systemClock,
  );
  const server = await startServer(app, await createSchema(app.pubSub));
  logger.info(config.smtpUrl ? 'sending email through SMTP_URL' : 'no SMTP_URL: emails stay in the outbox (emailOutbox)');
  if (inboundSmtp) logger.info({ port: inboundSmtp.port }, 'receiving email over SMTP (INBOUND_SMTP_PORT)');
  if (config.mailIn.imapUrl) logger.info('reading email from IMAP_URL');
  logger.info(`StudentDesk API ready at ${server.url}`);
  // Once, not once per process of a supervisor.
  if (cluster.isPrimary) console.log(`\n  StudentDesk API  ${server.url}\n  Student portal   ${server.url.replace(/graphql$/, '')}\n`);
  // Under a supervisor (processes.ts), it issued the one link for every process.
  if (cluster.isPrimary) await announceSetupLink(db.prisma, config.publicUrl, logger);

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void shutDown(signal));
  }
  async function shutDown(signal: NodeJS.Signals): Promise<void> {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger.error('shutdown took too long; exiting anyway');
      process.exit(1);
    }, config.shutdownDrainMs + SHUTDOWN_DEADLINE_MS).unref();
    if (config.shutdownDrainMs > 0) {
      logger.info({ signal }, `draining: /health says so for ${config.shutdownDrainMs} ms while requests are still served`);
      server.drain();
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
    }
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    await server.close();
    await stopBackgroundWork();
    await db.close();
    logger.info('stopped');
    process.exit(0);
  }
}

const config = configOrExit();
const logger = createLogger(config.logLevel, config.logFormat === 'pretty' ? prettyLines() : undefined);
if (config.processes > 1 && cluster.isPrimary) process.exit(await superviseProcesses(config, logger));
else {
  await serve(config, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  });
}
