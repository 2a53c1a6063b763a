// Writing the demo school: chunked createMany, emptying the database, and counting what is there.
import type { Prisma } from '../generated/prisma/client.js';
import type { ContentRows } from './content.js';
import type { TicketBatch } from './tickets.js';

export type Db = Prisma.TransactionClient;

/** PostgreSQL accepts at most 65,535 bind parameters in one statement. */
const MAX_BIND_PARAMETERS = 65_535;
const MAX_ROWS_PER_STATEMENT = 2_500;

/** Inserts `rows` with createMany, in as many statements as the bind-parameter limit requires. */
export async function insertInChunks<T extends object>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_BIND_PARAMETERS / columns)));
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}

/** Each column of a table with its PostgreSQL type; all of the model's columns, so none is forgotten. */
type Columns<Row> = { readonly [Column in keyof Required<Row>]: string };

const TICKET: Columns<Prisma.TicketCreateManyInput> = {
  id: 'uuid',
  number: 'int',
  title: 'text',
  description: 'text',
  status: '"TicketStatus"',
  priority: '"Priority"',
  channel: '"TicketChannel"',
  categoryId: 'uuid',
  departmentId: 'uuid',
  requesterId: 'uuid',
  contactName: 'text',
  contactEmail: 'text',
  studentNumber: 'text',
  assigneeId: 'uuid',
  incidentId: 'uuid',
  expectedResolutionHours: 'int',
  desiredOutcome: 'text',
  language: 'text',
  idempotencyScope: 'text',
  idempotencyKey: 'text',
  idempotencyRequestHash: 'text',
  firstResponseDueAt: 'timestamptz',
  resolutionDueAt: 'timestamptz',
  firstRespondedAt: 'timestamptz',
  resolvedAt: 'timestamptz',
  closedAt: 'timestamptz',
  resolvedById: 'uuid',
  predictedScore: 'int',
  escalatedAt: 'timestamptz',
  slaPausedAt: 'timestamptz',
  slaPausedSeconds: 'int',
  ratingReminderSentAt: 'timestamptz',
  mergedIntoId: 'uuid',
  createdAt: 'timestamptz',
  updatedAt: 'timestamptz',
};
const TRACKING_CODE: Columns<Prisma.TrackingCodeCreateManyInput> = {
  id: 'uuid',
  ticketId: 'uuid',
  codeHash: 'text',
  createdAt: 'timestamptz',
};
const MESSAGE: Columns<Prisma.MessageCreateManyInput> = {
  id: 'uuid',
  ticketId: 'uuid',
  authorId: 'uuid',
  body: 'text',
  internal: 'boolean',
  createdAt: 'timestamptz',
  idempotencyKey: 'text',
};
const TICKET_EVENT: Columns<Prisma.TicketEventCreateManyInput> = {
  id: 'uuid',
  ticketId: 'uuid',
  actorId: 'uuid',
  type: '"TicketEventType"',
  fromStatus: '"TicketStatus"',
  toStatus: '"TicketStatus"',
  detail: 'jsonb',
  createdAt: 'timestamptz',
  automationCheckedAt: 'timestamptz',
};
const RATING: Columns<Prisma.RatingCreateManyInput> = {
  id: 'uuid',
  ticketId: 'uuid',
  score: 'int',
  comment: 'text',
  expectation: '"ExpectationOutcome"',
  predictedScore: 'int',
  departmentId: 'uuid',
  staffId: 'uuid',
  ratedById: 'uuid',
  createdAt: 'timestamptz',
};

/**
 * Rows per statement for the bulk tables (the parameter count is one array per column). Prisma
 * keeps the parameters of its last 100 raw queries as debug history, so this also bounds memory:
 * scale 10 runs in a 400 MB heap with 2,500 rows, and no faster with 10,000.
 */
const ROWS_PER_UNNEST = 2_500;

/**
 * INSERT … SELECT FROM unnest($1::uuid[], …): one array parameter per column, whatever the row count.
 * Measured here, createMany spends ~0.3 ms of client CPU per row (20,000 ticket events: 6.8 s),
 * this ~0.03 ms (0.55 s), which is what makes scale 70 (≈ 2 million events) take minutes, not an hour.
 */
async function insertByColumn<Row extends object>(db: Db, table: string, columns: Columns<Row>, rows: Row[]): Promise<void> {
  const names = Object.keys(columns) as (keyof Row & string)[];
  const sql =
    `INSERT INTO "${table}" (${names.map((name) => `"${name}"`).join(', ')}) ` +
    `SELECT * FROM unnest(${names.map((name, index) => `$${index + 1}::${columns[name]}[]`).join(', ')})`;
  for (let start = 0; start < rows.length; start += ROWS_PER_UNNEST) {
    const chunk = rows.slice(start, start + ROWS_PER_UNNEST);
    const arrays = names.map((name) =>
      chunk.map((row) => {
        const value = row[name] ?? null;
        return columns[name] === 'jsonb' && value !== null ? JSON.stringify(value) : value;
      }),
    );
    await db.$executeRawUnsafe(sql, ...arrays);
  }
}

export async function insertTicketBatch(db: Db, batch: TicketBatch): Promise<void> {
  await insertByColumn(db, 'Ticket', TICKET, batch.tickets);
  await insertByColumn(db, 'TrackingCode', TRACKING_CODE, batch.trackingCodes);
  await insertByColumn(db, 'Message', MESSAGE, batch.messages);
  await insertByColumn(db, 'TicketEvent', TICKET_EVENT, batch.events);
  await insertByColumn(db, 'Rating', RATING, batch.ratings);
}

export async function insertContent(db: Db, content: ContentRows): Promise<void> {
  await insertInChunks(content.articles, (data) => db.article.createMany({ data }));
  await insertInChunks(content.articleVersions, (data) => db.articleVersion.createMany({ data }));
  // An article and its live version point at each other, so the link is made once both exist.
  await db.$executeRaw`
    UPDATE "Article" AS a SET "publishedVersionId" = v."id" FROM "ArticleVersion" AS v
    WHERE v."articleId" = a."id" AND v."number" = a."latestVersionNumber" AND a."status" = 'PUBLISHED'`;
  await insertInChunks(content.articleVotes, (data) => db.articleVote.createMany({ data }));
  await insertInChunks(content.cannedResponses, (data) => db.cannedResponse.createMany({ data }));
  await insertInChunks(content.suggestions, (data) => db.suggestion.createMany({ data }));
  await insertInChunks(content.suggestionVotes, (data) => db.suggestionVote.createMany({ data }));
  await insertInChunks(content.suggestionComments, (data) => db.suggestionComment.createMany({ data }));
}

/** Empties every table but the migration history in one statement, restarting ticket numbers. */
export async function emptyDatabase(db: Db): Promise<void> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables
    WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
    ORDER BY tablename`;
  if (tables.length === 0) return;
  const list = tables.map(({ tablename }) => `"${tablename.replace(/"/g, '""')}"`).join(', ');
  await db.$executeRawUnsafe(`TRUNCATE TABLE ${list} RESTART IDENTITY CASCADE`);
}

/** Tickets were numbered by the seed; the sequence must continue after the highest number. */
export async function continueTicketNumbers(db: Db): Promise<void> {
  await db.$executeRawUnsafe(
    `SELECT setval(pg_get_serial_sequence('"Ticket"', 'number'), COALESCE(MAX("number"), 1), MAX("number") IS NOT NULL) FROM "Ticket"`,
  );
}

export interface SeedSummary {
  departments: number;
  categories: number;
  slaPolicies: number;
  users: number;
  tickets: number;
  trackingCodes: number;
  messages: number;
  ticketEvents: number;
  ratings: number;
  incidents: number;
  incidentUpdates: number;
  articles: number;
  deflections: number;
  cannedResponses: number;
  suggestions: number;
  suggestionVotes: number;
  suggestionComments: number;
}

export async function countRows(db: Db): Promise<SeedSummary> {
  // One after the other: inside a transaction they share a single connection anyway.
  return {
    departments: await db.department.count(),
    categories: await db.category.count(),
    slaPolicies: await db.slaPolicy.count(),
    users: await db.user.count(),
    tickets: await db.ticket.count(),
    trackingCodes: await db.trackingCode.count(),
    messages: await db.message.count(),
    ticketEvents: await db.ticketEvent.count(),
    ratings: await db.rating.count(),
    incidents: await db.incident.count(),
    incidentUpdates: await db.incidentUpdate.count(),
    articles: await db.article.count(),
    deflections: await db.deflection.count(),
    cannedResponses: await db.cannedResponse.count(),
    suggestions: await db.suggestion.count(),
    suggestionVotes: await db.suggestionVote.count(),
    suggestionComments: await db.suggestionComment.count(),
  };
}
