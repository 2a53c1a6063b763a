// Every metric reads whole days from "SatisfactionDay", which database triggers keep (metrics.ts).
// Proved against the raw ratings and tickets after every kind of change a ticket goes through.
import { type PrismaClient } from '@studentdesk/db';
import { Random } from '@studentdesk/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createDepartment, createTestDatabase, createUser, DATABASE_KINDS, type TestDatabase } from '@studentdesk/testing';
import { departmentTallies, emptyTally, splitRange, type Tally } from './metrics.js';
import { satisfactionReport } from './satisfaction.service.js';

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);

describe('splitRange', () => {
  it('keeps a range inside one day whole, as raw rows', () => {
    const range = { from: at('2026-05-01T08:00:00Z'), to: at('2026-05-01T17:00:00Z') };
    expect(splitRange(range)).toEqual({ days: { from: '2026-05-02', to: '2026-05-02' }, edges: [range] });
  });

  it('keeps a range across one midnight whole, as raw rows', () => {
    const range = { from: at('2026-05-01T20:00:00Z'), to: at('2026-05-02T04:00:00Z') };
    expect(splitRange(range).edges).toEqual([range]);
  });

  it('takes whole days from the rollup and the partial ones at each end from raw rows', () => {
    expect(splitRange({ from: at('2026-05-01T20:00:00Z'), to: at('2026-05-04T04:00:00Z') })).toEqual({
      days: { from: '2026-05-02', to: '2026-05-04' },
      edges: [
        { from: at('2026-05-01T20:00:00Z'), to: at('2026-05-02T00:00:00Z') },
        { from: at('2026-05-04T00:00:00Z'), to: at('2026-05-04T04:00:00Z') },
      ],
    });
  });

  it('needs no raw rows for a range from midnight to midnight', () => {
    expect(splitRange({ from: at('2026-05-01T00:00:00Z'), to: at('2026-05-03T00:00:00Z') })).toEqual({
      days: { from: '2026-05-01', to: '2026-05-03' },
      edges: [],
    });
  });
});

/** Every sum of metrics.ts computed from the raw rows alone, plainly: what the rollup must agree with. */
async function rawTallies(prisma: PrismaClient, range: { from: Date; to: Date }, now: Date) {
  const rows = await prisma.$queryRaw<Array<Tally & { departmentId: string }>>`
    WITH rated AS (
      SELECT * FROM "Rating" r WHERE r."createdAt" >= ${range.from} AND r."createdAt" < ${range.to}
    ), reported AS (
      SELECT t.*,
             t."firstResponseDueAt" IS NOT NULL AND (t."firstRespondedAt" IS NOT NULL OR t."firstResponseDueAt" < ${now}) AS "firstResponseDecided",
             t."resolutionDueAt" IS NOT NULL AND (t."resolvedAt" IS NOT NULL OR t."resolutionDueAt" < ${now}) AS "resolutionDecided"
      FROM "Ticket" t WHERE t."createdAt" >= ${range.from} AND t."createdAt" < ${range.to}
    )
    SELECT d.id AS "departmentId",
           (SELECT count(*)::int FROM rated r WHERE r."departmentId" = d.id) AS responses,
           (SELECT count(*)::int FROM rated r WHERE r."departmentId" = d.id AND r.score >= 4) AS satisfied,
           (SELECT count(*)::int FROM rated r WHERE r."departmentId" = d.id AND r.expectation IN ('MET', 'EXCEEDED')) AS "expectationMet",
           (SELECT count(*)::int FROM rated r WHERE r."departmentId" = d.id AND r.expectation = 'EXCEEDED') AS "expectationExceeded",
           (SELECT COALESCE(sum(r.score), 0)::int FROM rated r WHERE r."departmentId" = d.id) AS "scoreSum",
           (SELECT COALESCE(sum(r."predictedScore" - r.score), 0)::int FROM rated r WHERE r."departmentId" = d.id) AS "perceptionGapSum",
           (SELECT count(r."predictedScore")::int FROM rated r WHERE r."departmentId" = d.id) AS "perceptionGapCount",
           (SELECT COALESCE(sum(r."predictedScore"), 0)::int FROM rated r WHERE r."departmentId" = d.id) AS "predictedScoreSum",
           (SELECT count(*)::int FROM reported t WHERE t."departmentId" = d.id AND t."firstResponseDecided") AS "firstResponseDecided",
           (SELECT count(*)::int FROM reported t WHERE t."departmentId" = d.id AND t."firstRespondedAt" <= t."firstResponseDueAt") AS "firstResponseMet",
           (SELECT count(*)::int FROM reported t WHERE t."departmentId" = d.id AND t."resolutionDecided") AS "resolutionDecided",
           (SELECT count(*)::int FROM reported t WHERE t."departmentId" = d.id AND t."resolvedAt" <= t."resolutionDueAt") AS "resolutionMet",
           (SELECT count(t."firstRespondedAt")::int FROM reported t WHERE t."departmentId" = d.id) AS "respondedTickets",
           (SELECT COALESCE(sum(extract(epoch FROM t."firstRespondedAt" - t."createdAt") * 1000), 0)::float8 FROM reported t WHERE t."departmentId" = d.id) AS "firstResponseMs",
           (SELECT count(t."resolvedAt")::int FROM reported t WHERE t."departmentId" = d.id) AS "resolvedTickets",
           (SELECT COALESCE(sum(extract(epoch FROM t."resolvedAt" - t."createdAt") * 1000), 0)::float8 FROM reported t WHERE t."departmentId" = d.id) AS "resolutionMs",
           (SELECT count(*)::int FROM reported t WHERE t."departmentId" = d.id AND t."resolvedAt" IS NOT NULL AND t."expectedResolutionHours" IS NOT NULL) AS "expectationTickets",
           (SELECT COALESCE(sum(t."expectedResolutionHours"), 0)::int FROM reported t WHERE t."departmentId" = d.id AND t."resolvedAt" IS NOT NULL) AS "expectedHours",
           (SELECT COALESCE(sum(extract(epoch FROM t."resolvedAt" - t."createdAt") * 1000), 0)::float8 FROM reported t WHERE t."departmentId" = d.id AND t."expectedResolutionHours" IS NOT NULL) AS "expectationResolutionMs"
    FROM "Department" d ORDER BY d.id`;
  return rows.map(({ departmentId, ...tally }) => ({ departmentId, tally }));
}

describe.each(DATABASE_KINDS)('the metric rollup on %s', (kind) => {
  let db: TestDatabase;
  const random = new Random(20261124);
  const start = Date.UTC(2026, 4, 1);
  const randomTime = () => new Date(start + random.between(0, 10 * DAY));
  const later = (time: Date, upTo: number) => new Date(time.getTime() + random.between(0, upTo));

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it('agrees with the raw rows for any range after reports, answers, ratings, reopenings, edits, moves and deletions', async () => {
    const { prisma } = db;
    const departments = [await createDepartment(prisma, 'IT'), await createDepartment(prisma, 'Housing')];
    const categories = await Promise.all(departments.map((department) => createCategory(prisma, department.id)));
    const admin = await createUser(prisma, 'ADMIN');

    const tickets = [];
    for (let i = 0; i < 80; i += 1) {
      const side = i % 2;
      const createdAt = randomTime();
      const resolvedAt = random.chance(0.7) ? later(createdAt, 3 * DAY) : null;
      // Resolving answers: a resolved ticket always has its first answer.
      const firstRespondedAt = resolvedAt
        ? later(createdAt, resolvedAt.getTime() - createdAt.getTime())
        : random.chance(0.5)
          ? later(createdAt, DAY)
          : null;
      const ticket = await prisma.ticket.create({
        data: {
          title: `Problem ${i}`,
          description: 'Details.',
          priority: 'NORMAL',
          channel: 'PORTAL',
          status: resolvedAt ? 'RESOLVED' : 'OPEN',
          categoryId: categories[side]!.id,
          departmentId: departments[side]!.id,
          contactName: 'A student',
          contactEmail: `s${i}@example.edu`,
          createdAt,
          firstRespondedAt,
          resolvedAt,
          expectedResolutionHours: random.chance(0.5) ? random.int(1, 72) : null,
          firstResponseDueAt: random.chance(0.9) ? later(createdAt, DAY / 2) : null,
          resolutionDueAt: random.chance(0.9) ? later(createdAt, 2 * DAY) : null,
          ...(resolvedAt && random.chance(0.7)
            ? {
                rating: {
                  create: {
                    score: random.int(1, 5),
                    expectation: random.pick(['BELOW', 'MET', 'EXCEEDED'] as const),
                    predictedScore: random.chance(0.6) ? random.int(1, 5) : null,
                    departmentId: departments[side]!.id,
                    createdAt: later(resolvedAt, DAY),
                  },
                },
              }
            : {}),
        },
        include: { rating: true },
      });
      tickets.push(ticket);
    }
    // What happens to tickets after they are written, each through the paths the app uses.
    for (const ticket of tickets.slice(0, 10))
      await prisma.ticket.update({ where: { id: ticket.id }, data: { status: 'OPEN', resolvedAt: null } });
    for (const ticket of tickets.slice(10, 20)) {
      const resolvedAt = later(ticket.createdAt, 4 * DAY);
      await prisma.ticket.update({
        where: { id: ticket.id },
        data: { status: 'RESOLVED', resolvedAt, firstRespondedAt: ticket.firstRespondedAt ?? resolvedAt },
      });
    }
    for (const ticket of tickets.slice(20, 25))
      await prisma.ticket.update({ where: { id: ticket.id }, data: { departmentId: departments[1]!.id, resolutionDueAt: randomTime() } });
    for (const ticket of tickets.slice(25, 30).filter((candidate) => !candidate.firstRespondedAt))
      await prisma.ticket.update({ where: { id: ticket.id }, data: { firstRespondedAt: later(ticket.createdAt, DAY) } });
    for (const ticket of tickets.slice(30, 35))
      await prisma.ticket.update({
        where: { id: ticket.id },
        data: { firstResponseDueAt: later(ticket.createdAt, DAY), expectedResolutionHours: random.int(1, 48) },
      });
    for (const ticket of tickets.slice(25, 40).filter((candidate) => candidate.rating)) {
      await prisma.rating.update({
        where: { id: ticket.rating!.id },
        data: { score: random.int(1, 5), expectation: 'EXCEEDED', predictedScore: null },
      });
    }
    await prisma.ticket.deleteMany({ where: { id: { in: tickets.slice(40, 45).map((ticket) => ticket.id) } } });

    // Some due times lie after `now`: those targets are not decided yet.
    const now = new Date(start + 4 * DAY);
    const ranges = [
      { from: new Date(start - DAY), to: new Date(start + 20 * DAY) },
      { from: new Date(start), to: new Date(start + 3 * DAY) },
      ...Array.from({ length: 25 }, () => {
        const from = randomTime();
        return { from, to: new Date(from.getTime() + random.between(60_000, 6 * DAY)) };
      }),
    ];
    for (const range of ranges) {
      const tallies = await departmentTallies(prisma, range, now);
      const raw = await rawTallies(prisma, range, now);
      for (const { departmentId, tally } of raw) {
        const rolledUp = tallies.find((row) => row.departmentId === departmentId)?.tally ?? emptyTally();
        expect({ range, departmentId, ...rolledUp }).toEqual({ range, departmentId, ...tally });
      }
      const report = await satisfactionReport({ prisma }, { kind: 'user', user: { ...admin, memberships: [] } }, range, now);
      for (const row of report.byDepartment) {
        const { tally } = raw.find((candidate) => candidate.departmentId === row.department.id)!;
        expect(row).toMatchObject({
          responses: tally.responses,
          csat: tally.responses ? tally.satisfied / tally.responses : null,
          slaTickets: tally.resolutionDecided,
          slaCompliance: tally.resolutionDecided ? tally.resolutionMet / tally.resolutionDecided : null,
          resolvedTickets: tally.resolvedTickets,
        });
      }
    }
    // The whole period holds every rating left and every ticket resolved.
    const whole = await satisfactionReport({ prisma }, { kind: 'user', user: { ...admin, memberships: [] } }, ranges[0]!, now);
    expect(whole.responses).toBe(await prisma.rating.count());
    expect(whole.byDepartment.reduce((sum, row) => sum + row.resolvedTickets, 0)).toBe(
      await prisma.ticket.count({ where: { resolvedAt: { not: null } } }),
    );
  });
});
