// The "SatisfactionDay" rollup under concurrent writers on PostgreSQL: many transactions at once,
// each rating tickets of several departments and days (in its own order) or moving tickets between
// departments, must neither deadlock (40P01) nor lose a count: the rollup equals a recount.
import { Prisma, type PrismaClient } from '@studentdesk/db';
import { Random } from '@studentdesk/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createDepartment, createTestDatabase, type TestDatabase } from '@studentdesk/testing';

const DEPARTMENTS = 4;
const DAYS = 3;
const TICKETS = 240;
const WRITERS = 24;
const RATINGS_PER_WRITER = 8;
const DAY_MS = 86_400_000;

/** Every row of the rollup recomputed from the raw rows, as the migration's backfill does. */
const RECOUNT = Prisma.sql`
  SELECT "departmentId", "day", sum("responses")::int AS responses, sum("scoreSum")::int AS "scoreSum",
         sum("respondedTickets")::int AS "respondedTickets", sum("resolvedTickets")::int AS "resolvedTickets"
  FROM (
    SELECT part.* FROM "Rating" r, satisfaction_of_rating(r) part
    UNION ALL
    SELECT part.* FROM "Ticket" t, satisfaction_of_ticket(t) part
    WHERE t."firstRespondedAt" IS NOT NULL OR t."resolvedAt" IS NOT NULL
  ) AS part
  GROUP BY "departmentId", "day"
  HAVING sum("responses") <> 0 OR sum("scoreSum") <> 0 OR sum("respondedTickets") <> 0 OR sum("resolvedTickets") <> 0
  ORDER BY "departmentId", "day"`;

const ROLLUP = Prisma.sql`
  SELECT "departmentId", "day", "responses", "scoreSum", "respondedTickets", "resolvedTickets" FROM "SatisfactionDay"
  WHERE "responses" <> 0 OR "scoreSum" <> 0 OR "respondedTickets" <> 0 OR "resolvedTickets" <> 0
  ORDER BY "departmentId", "day"`;

describe('the SatisfactionDay rollup under concurrent writers on PostgreSQL', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const random = new Random(20261207);

  beforeAll(async () => {
    // More connections than writers, so every transaction really runs at once.
    db = await createTestDatabase('postgresql', { poolSize: WRITERS + 2 });
    prisma = db.prisma;
  });
  afterAll(() => db?.drop());

  it('neither deadlocks nor miscounts when many transactions rate and move tickets across departments and days', async () => {
    const departments: Array<{ id: string }> = [];
    for (let index = 0; index < DEPARTMENTS; index += 1) departments.push(await createDepartment(prisma, `Department ${index}`));
    const categories = await Promise.all(departments.map((department) => createCategory(prisma, department.id)));
    const start = Date.UTC(2026, 4, 1);
    await prisma.ticket.createMany({
      data: Array.from({ length: TICKETS }, (_, index) => {
        const side = index % DEPARTMENTS;
        const createdAt = new Date(start + (index % DAYS) * DAY_MS + 3_600_000);
        return {
          title: `Ticket ${index}`,
          description: '-',
          priority: 'NORMAL' as const,
          channel: 'PORTAL' as const,
          status: 'RESOLVED' as const,
          categoryId: categories[side]!.id,
          departmentId: departments[side]!.id,
          contactName: 'A student',
          contactEmail: `s${index}@example.edu`,
          createdAt,
          firstRespondedAt: new Date(createdAt.getTime() + 3_600_000),
          resolvedAt: new Date(createdAt.getTime() + 7_200_000),
        };
      }),
    });
    const tickets = random.shuffled(await prisma.ticket.findMany({ select: { id: true, departmentId: true, createdAt: true } }));
    const toRate = tickets.slice(0, WRITERS * RATINGS_PER_WRITER);
    const toMove = tickets.slice(WRITERS * RATINGS_PER_WRITER);

    // Some writers rate a batch of tickets, one row at a time in their own order (each touches
    // several departments' days); others move one ticket to another department, which takes from
    // one day row and adds to another, in both directions between every pair of departments.
    const rate = (batch: typeof tickets) =>
      prisma.$transaction(async (tx) => {
        for (const ticket of batch)
          await tx.rating.create({
            data: {
              ticketId: ticket.id,
              score: random.int(1, 5),
              expectation: 'MET',
              departmentId: ticket.departmentId,
              createdAt: new Date(ticket.createdAt.getTime() + random.int(0, DAYS - 1) * DAY_MS),
            },
          });
      });
    const move = (ticket: (typeof tickets)[number]) => {
      const target =
        (departments.findIndex((department) => department.id === ticket.departmentId) + random.int(1, DEPARTMENTS - 1)) % DEPARTMENTS;
      return prisma.ticket.update({
        where: { id: ticket.id },
        data: { departmentId: departments[target]!.id, categoryId: categories[target]!.id },
      });
    };

    const writers: Array<Promise<unknown>> = [];
    for (let writer = 0; writer < WRITERS; writer += 1) {
      writers.push(rate(toRate.slice(writer * RATINGS_PER_WRITER, (writer + 1) * RATINGS_PER_WRITER)));
      writers.push(move(toMove[writer]!));
    }
    const outcomes = await Promise.allSettled(writers);
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
    expect(failures.map((error) => error.message)).toEqual([]);

    expect(await prisma.rating.count()).toBe(WRITERS * RATINGS_PER_WRITER);
    expect(await prisma.$queryRaw(ROLLUP)).toEqual(await prisma.$queryRaw(RECOUNT));
  }, 60_000);
});
