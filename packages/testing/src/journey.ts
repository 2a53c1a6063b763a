// The real thing for the web apps' journeys: a fresh database with the journey school, and the
// built API started as `pnpm start` starts it (node dist/main.js) serving the built web apps.
// Everything after the start goes through the API, as the apps and their users do.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type PrismaClient } from '@studentdesk/db';
import { startApiProcess, type ApiProcess } from './api-process.js';
import { createTestDatabase, postgresAnswers } from './database.js';
import { categoryIdsByName, createJourneySchool, JOURNEY_PEOPLE, signIn, type JourneyPerson } from './factories.js';
import { signedInClient, type SignedInClient } from './graphql-client.js';

export interface JourneyOptions {
  /** Built web apps to serve (their dist/ folders); each must hold an index.html. */
  portalDist?: string;
  consoleDist?: string;
  /** What a test file adds to the school before the API starts (articles, incidents…). */
  prepare?: (prisma: PrismaClient) => Promise<unknown>;
  /** More configuration for the API process. */
  env?: Record<string, string>;
}

export interface JourneyStack {
  /** Where the API serves the portal (/) and the console (/console/). */
  origin: string;
  api: ApiProcess;
  /** The global IDs of the school's categories, by name. */
  categories: Record<string, string>;
  /** GraphQL as a person of the journey school (signed in on first use); errors throw. */
  as: (person: JourneyPerson) => Promise<SignedInClient>;
  /** A person's global ID, as the API gives it to them. */
  userId: (person: JourneyPerson) => Promise<string>;
  stop: () => Promise<void>;
}

/** A fresh database holding the school: throw-away PostgreSQL when it answers, else PGlite in a folder of its own. */
async function freshDatabase(prepare: JourneyOptions['prepare']): Promise<{ env: Record<string, string>; cleanUp: () => Promise<void> }> {
  const fill = async (prisma: PrismaClient) => {
    await createJourneySchool(prisma);
    await prepare?.(prisma);
  };
  if (await postgresAnswers()) {
    const db = await createTestDatabase('postgresql');
    await fill(db.prisma);
    return { env: { DATABASE_URL: db.url }, cleanUp: () => db.drop() };
  }
  // PGlite serves one process: the school is written first, then the API opens the folder.
  const dataDir = mkdtempSync(join(tmpdir(), 'studentdesk-journey-'));
  const db = await openDatabase({ dataDir });
  await fill(db.prisma);
  await db.close();
  return { env: { DATA_DIR: dataDir }, cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

export async function startJourneyStack(options: JourneyOptions = {}): Promise<JourneyStack> {
  for (const dist of [options.portalDist, options.consoleDist]) {
    if (dist && !existsSync(join(dist, 'index.html'))) throw new Error(`Build the web app first: ${dist} has no index.html`);
  }
  const database = await freshDatabase(options.prepare);
  let api: ApiProcess;
  try {
    api = await startApiProcess(
      {
        ...database.env,
        PORTAL_DIST: options.portalDist ?? '/nonexistent',
        CONSOLE_DIST: options.consoleDist ?? '/nonexistent',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        ...options.env,
      },
      { healthyWithinMs: 90_000 },
    );
  } catch (error) {
    await database.cleanUp();
    throw error;
  }
  const clients = new Map<JourneyPerson, Promise<SignedInClient>>();
  const as = (person: JourneyPerson) => {
    if (!clients.has(person)) {
      clients.set(
        person,
        signIn(api, JOURNEY_PEOPLE[person].email).then((token) => signedInClient(api.gql, token)),
      );
    }
    return clients.get(person)!;
  };
  return {
    origin: api.origin,
    api,
    categories: await categoryIdsByName(api.gql),
    as,
    userId: async (person) => (await (await as(person))<{ me: { id: string } }>('{ me { id } }')).me.id,
    async stop() {
      await api.stop();
      await database.cleanUp();
    },
  };
}
