// The demo school: `seedDemoSchool` fills an empty database with a deterministic, realistic
// school (departments, people, ~3,000 tickets × scale with their conversations, history and
// ratings, incidents, knowledge base). It runs in one transaction under an advisory lock, so two
// API processes starting at once seed once, and a seed that fails leaves nothing behind.
import type { PrismaClient, TicketStatus } from '../generated/prisma/client.js';
import { hashPassword } from '../passwords.js';
import { buildContent } from './content.js';
import { demoStudentStories, dueSoonStories } from './demo-tickets.js';
import { buildIncidents, incidentDeflections } from './incidents.js';
import {
  continueTicketNumbers,
  countRows,
  emptyDatabase,
  insertContent,
  insertInChunks,
  insertTicketBatch,
  type Db,
  type SeedSummary,
} from './insert.js';
import { buildPeople, DEMO_PASSWORD } from './people.js';
import { Random } from './random.js';
import { buildSchool } from './school.js';
import { ScriptKit } from './scripted.js';
import { Population, TicketBatch, tell, type Story } from './tickets.js';

export { DEMO_TRACKING_CODE } from './demo-tickets.js';
export { DEMO_PASSWORD } from './people.js';
export type { SeedSummary } from './insert.js';
/** The seeded PRNG, for other generated data that must repeat from a seed (the API's fuzz test). */
export { Random } from './random.js';

export interface SeedOptions {
  /** Multiplies students and tickets (and everything that hangs off tickets); staff grow with √scale. */
  scale?: number;
  /** Empty every table (except the migration history) first. */
  reset?: boolean;
  log?: (line: string) => void;
  /** The moment the school's history leads up to (default: now). Same `now`, same school. */
  now?: Date;
}

const DAY = 24 * 60 * 60_000;
const HISTORY_DAYS = 120;
const TICKETS_PER_SCALE = 3_000;
/** Tickets generated and written per round; bounds memory at large scales. */
const TICKETS_PER_BATCH = 2_000;
/** An arbitrary key that only the seed takes. */
const SEED_LOCK = 7_202_611;
/** Scale 70 takes several minutes; a stuck seed still ends eventually. */
const TRANSACTION_TIMEOUT = 3 * 60 * 60_000;
const PRNG_SEED = 42;
export const DEMO_SCHOOL_NAME = 'Northfield College (demo)';

export async function seedDemoSchool(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedSummary> {
  const scale = options.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`scale must be a positive number, got ${scale}`);
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();

  return prisma.$transaction(
    async (db) => {
      await db.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
      if (options.reset) {
        await emptyDatabase(db);
        log('emptied every table');
      } else if ((await db.department.count()) > 0) {
        log('the database already has a school; not seeding (use reset to start over)');
        return countRows(db);
      }
      await seedInto(db, scale, now, log);
      return countRows(db);
    },
    { timeout: TRANSACTION_TIMEOUT, maxWait: 60_000 },
  );
}

async function seedInto(db: Db, scale: number, now: Date, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  const nowMs = now.getTime();
  const random = new Random(PRNG_SEED);
  // Every ticket's life lies between the start of its history and a month after now.
  const school = buildSchool(now, { from: new Date(nowMs - (HISTORY_DAYS + 10) * DAY), until: new Date(nowMs + 30 * DAY) });
  // scrypt is slow on purpose: one hash, shared by every seeded account.
  const people = buildPeople(school, random, now, scale, await hashPassword(DEMO_PASSWORD));
  const kit = new ScriptKit(random, school, people, nowMs);
  const incidents = buildIncidents(kit);
  const scripted: Story[] = [...demoStudentStories(kit), ...dueSoonStories(kit), ...incidents.stories].sort(
    (a, b) => a.draft.createdAt - b.draft.createdAt,
  );
  const content = buildContent(random, school, people, nowMs, Math.max(5, Math.round(40 * scale)));
  const deflections = [...content.deflections, ...incidentDeflections(kit, incidents.incidents, Math.max(2, Math.round(6 * scale)))];

  // The demo's identity, as first-run setup would have written it.
  await db.school.create({
    data: { name: DEMO_SCHOOL_NAME, timeZone: 'Europe/Amsterdam', primaryColor: '#1d4ed8', accentColor: '#0f766e', setupCompletedAt: now },
  });
  await insertInChunks(school.rows.departments, (data) => db.department.createMany({ data }));
  await insertInChunks(school.rows.categories, (data) => db.category.createMany({ data }));
  await insertInChunks(school.rows.slaPolicies, (data) => db.slaPolicy.createMany({ data }));
  await insertInChunks(people.rows, (data) => db.user.createMany({ data }));
  await insertInChunks(people.memberships, (data) => db.departmentMembership.createMany({ data }));
  await insertInChunks(incidents.rows.incidents, (data) => db.incident.createMany({ data }));
  await insertInChunks(incidents.rows.updates, (data) => db.incidentUpdate.createMany({ data }));
  await insertContent(db, content);
  await insertInChunks(deflections, (data) => db.deflection.createMany({ data }));
  log(`school, ${people.rows.length} people and the knowledge base written in ${seconds(started)}`);

  // Everyday tickets and scripted ones, merged in creation order so numbers follow time.
  const population = new Population(random, school, people, nowMs);
  const times = population.creationTimes(Math.round(TICKETS_PER_SCALE * scale), HISTORY_DAYS);
  const total = times.length + scripted.length;
  const statuses = new Map<TicketStatus, number>();
  let batch = new TicketBatch();
  let written = 0;
  const flush = async () => {
    await insertTicketBatch(db, batch);
    written += batch.tickets.length;
    batch = new TicketBatch();
    if (written % (TICKETS_PER_BATCH * 10) < TICKETS_PER_BATCH || written === total)
      log(`${written}/${total} tickets written (${seconds(started)})`);
  };
  let fromScript = 0;
  let fromPopulation = 0;
  while (fromScript < scripted.length || fromPopulation < times.length) {
    const script = scripted[fromScript];
    const time = times[fromPopulation];
    let story: Story;
    if (script && (time === undefined || script.draft.createdAt <= time)) {
      story = script;
      fromScript += 1;
    } else {
      story = population.story(time as number);
      fromPopulation += 1;
    }
    const status = tell(story, 1000 + fromScript + fromPopulation, nowMs, batch);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (batch.tickets.length >= TICKETS_PER_BATCH) await flush();
  }
  if (batch.tickets.length > 0) await flush();
  await continueTicketNumbers(db);
  log(`tickets by status: ${[...statuses].map(([status, count]) => `${status} ${count}`).join(', ')}`);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
