// The API's services on an open database for the benchmark's own process and its plain-HTTP
// baseline: no timed work or webhook delivery, whose statements would mix with the measured ones.
import type { Database } from '@studentdesk/db';
import { createApp } from '../src/app.js';
import { anonymous } from '../src/auth/viewer.js';
import { loadConfig } from '../src/config.js';
import { createContext, createLoaders, type App, type Context } from '../src/context.js';
import { createLogger } from '../src/logger.js';

export async function quietApp(db: Database, authSecret: string): Promise<App> {
  const config = loadConfig({
    PORT: '0',
    AUTH_SECRET: authSecret,
    LOG_LEVEL: 'silent',
    PORTAL_DIST: '/none',
    CONSOLE_DIST: '/none',
    // The direct report case writes its email every time, as the measured API does (run.ts lifts the same cap).
    GUEST_EMAILS_PER_RECIPIENT_PER_HOUR: '1000000',
  });
  const { app, stopBackgroundWork } = await createApp(config, db, createLogger('silent'));
  await stopBackgroundWork();
  return app;
}

/** A guest's request context, as the API builds one per request. */
export const guestContext = (app: App): Context => createContext(app, anonymous, createLoaders(app.prisma));
