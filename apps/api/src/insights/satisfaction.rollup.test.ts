// The satisfaction report reads whole days from "SatisfactionDay", which database triggers keep.
// Proved against the raw ratings and tickets after every kind of change a ticket goes through.
import { createTestDatabase, type PrismaClient, type TestDatabase } from '@studentdesk/db';
import { Random } from '@studentdesk/db/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createDepartment, createUser } from '../test/factories.js';
import { DATABASE_KINDS } from '../test/api.js';
import { satisfactionReport, splitRange } from './satisfaction.service.js';

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

/** The report computed from the raw rows alone: what the rollup must agree with. */
async function rawFigures(prisma: PrismaClient, range: { from: Date; to: Date }) {
  return prisma.$queryRaw<
    Array<{
      departmentId: string;
      responses: number;
      satisfied: number;
      expectationMet: number;
      perceptionGap: number | null;
      resolvedTickets: number;
      resolvedInTime: number;
    }>
  >`
    SELECT d.id AS "departmentId",
           (SELECT count(*)::int FROM "Rating" r WHERE r."departmentId" = d.id AND r."createdAt" >= ${range.from} AND r."createdAt" < ${range.to}) AS responses,
           (SELECT count(*)::int FROM "Rating" r WHERE r."departmentId" = d.id AND r."createdAt" >= ${range.from} AND r."createdAt" < ${range.to} AND r.score >= 4) AS satisfied,
           (SELECT count(*)::int FROM "Rating" r WHERE r."departmentId" = d.id AND r."createdAt" >= ${range.from} AND r."createdAt" < ${range.to} AND r.expectation IN ('MET', 'EXCEEDED')) AS "expectationMet",
           (SELECT avg((r."predictedScore" - r.score)::float8) FROM "Rating" r WHERE r."departmentId" = d.id AND r."createdAt" >= ${range.from} AND r."createdAt" < ${range.to} AND r."predictedScore" IS NOT NULL) AS "perceptionGap",
           (SELECT count(*)::int FROM "Ticket" t WHERE t."departmentId" = d.id AND t."resolvedAt" >= ${range.from} AND t."resolvedAt" < ${range.to} AND t."resolutionDueAt" IS NOT NULL) AS "resolvedTickets",
           (SELECT count(*)::int FROM "Ticket" t WHERE t."departmentId" = d.id AND t."resolvedAt" >= ${range.from} AND t."resolvedAt" < ${range.to} AND t."resolvedAt" <= t."resolutionDueAt") AS "resolvedInTime"
    FROM "Department" d ORDER BY d.name`;
}

describe.each(DATABASE_KINDS)('the satisfaction rollup on %s', (kind) => {
  let db: TestDatabase;
  const random = new Random(20261124);
  const start = Date.UTC(2026, 4, 1);
  const randomTime = () => new Date(start + random.between(0, 10 * DAY));

  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(() => db?.drop());

  it('agrees with the raw rows for any range after reports, ratings, reopenings, edits, moves and deletions', async () => {
    const { prisma } = db;
    const departments = [await createDepartment(prisma, 'IT'), await createDepartment(prisma, 'Housing')];
    const categories = await Promise.all(departments.map((department) => createCategory(prisma, department.id)));
    const admin = await createUser(prisma, 'ADMIN');

    const tickets = [];
    for (let i = 0; i < 80; i += 1) {
      const side = i % 2;
      const createdAt = randomTime();
      const resolvedAt = random.chance(0.8) ? new Date(createdAt.getTime() + random.between(0, 3 * DAY)) : null;
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
          resolvedAt,
          resolutionDueAt: random.chance(0.9) ? new Date(createdAt.getTime() + random.between(0, 2 * DAY)) : null,
          ...(resolvedAt && random.chance(0.7)
            ? {
                rating: {
                  create: {
                    score: random.int(1, 5),
                    expectation: random.pick(['BELOW', 'MET', 'EXCEEDED'] as const),
                    predictedScore: random.chance(0.6) ? random.int(1, 5) : null,
                    departmentId: departments[side]!.id,
                    createdAt: new Date(resolvedAt.getTime() + random.between(0, DAY)),
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
    for (const ticket of tickets.slice(10, 20))
      await prisma.ticket.update({ where: { id: ticket.id }, data: { resolvedAt: randomTime() } });
    for (const ticket of tickets.slice(20, 25))
      await prisma.ticket.update({ where: { id: ticket.id }, data: { departmentId: departments[1]!.id, resolutionDueAt: randomTime() } });
    for (const ticket of tickets.slice(25, 40).filter((candidate) => candidate.rating)) {
      await prisma.rating.update({
        where: { id: ticket.rating!.id },
        data: { score: random.int(1, 5), expectation: 'EXCEEDED', predictedScore: null },
      });
    }
    await prisma.ticket.deleteMany({ where: { id: { in: tickets.slice(40, 45).map((ticket) => ticket.id) } } });

    const ranges = [
      { from: new Date(start - DAY), to: new Date(start + 20 * DAY) },
      { from: new Date(start), to: new Date(start + 3 * DAY) },
      ...Array.from({ length: 25 }, () => {
        const from = randomTime();
        return { from, to: new Date(from.getTime() + random.between(60_000, 6 * DAY)) };
      }),
    ];
    for (const range of ranges) {
      const report = await satisfactionReport(prisma, { kind: 'user', user: admin }, range);
      const raw = await rawFigures(prisma, range);
      expect(report.byDepartment.map((row) => row.department.id)).toEqual(raw.map((row) => row.departmentId));
      report.byDepartment.forEach((row, index) => {
        const expected = raw[index]!;
        expect({ range, responses: row.responses, resolvedTickets: row.resolvedTickets }).toEqual({
          range,
          responses: expected.responses,
          resolvedTickets: expected.resolvedTickets,
        });
        expect(row.csat).toBe(expected.responses ? expected.satisfied / expected.responses : null);
        expect(row.expectationMetRate).toBe(expected.responses ? expected.expectationMet / expected.responses : null);
        expect(row.slaCompliance).toBe(expected.resolvedTickets ? expected.resolvedInTime / expected.resolvedTickets : null);
        if (expected.perceptionGap === null) expect(row.perceptionGap).toBeNull();
        else expect(row.perceptionGap).toBeCloseTo(expected.perceptionGap, 10);
      });
    }
    // The whole period holds every rating left and every resolved ticket with a due time.
    const whole = await satisfactionReport(prisma, { kind: 'user', user: admin }, ranges[0]!);
    expect(whole.responses).toBe(await prisma.rating.count());
    expect(whole.byDepartment.reduce((sum, row) => sum + row.resolvedTickets, 0)).toBe(
      await prisma.ticket.count({ where: { resolvedAt: { not: null }, resolutionDueAt: { not: null } } }),
    );
  });
});
