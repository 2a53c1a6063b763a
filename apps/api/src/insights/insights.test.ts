// The numbers over HTTP: staff home, the managers' insights, the leaderboard and the recognition
// feed, with figures worked out by hand from a small, fixed history; and who may see what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpectationOutcome, PrismaClient } from '@studentdesk/db';
import { codes, createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { toGlobalId } from '../relay/global-id.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);
/** Two ISO weeks in the past: Monday 5 and Monday 12 January 2026. */
const RANGE = { from: '2026-01-05T00:00:00.000Z', to: '2026-01-19T00:00:00.000Z' };

interface TicketSpec {
  department: 'it' | 'finance';
  createdAt: Date;
  status?: 'OPEN' | 'RESOLVED';
  assigneeId?: string;
  resolvedAt?: Date;
  resolvedById?: string;
  predictedScore?: number;
  expectedResolutionHours?: number;
  firstResponseDueAt?: Date;
  firstRespondedAt?: Date;
  resolutionDueAt?: Date;
  rating?: { score: number; expectation: ExpectationOutcome; comment?: string; at: Date };
}

async function ticket(prisma: PrismaClient, school: School, spec: TicketSpec) {
  const department = school.departments[spec.department];
  const category = spec.department === 'it' ? school.categories.login : school.categories.fees;
  return prisma.ticket.create({
    data: {
      title: 'A problem',
      description: 'Details.',
      status: spec.status ?? (spec.resolvedAt ? 'RESOLVED' : 'OPEN'),
      priority: 'NORMAL',
      channel: 'PORTAL',
      categoryId: category.id,
      departmentId: department.id,
      contactName: 'Alice Student',
      contactEmail: school.users.alice.email,
      requesterId: school.users.alice.id,
      assigneeId: spec.assigneeId ?? spec.resolvedById ?? null,
      createdAt: spec.createdAt,
      resolvedAt: spec.resolvedAt ?? null,
      resolvedById: spec.resolvedById ?? null,
      predictedScore: spec.predictedScore ?? null,
      expectedResolutionHours: spec.expectedResolutionHours ?? null,
      firstResponseDueAt: spec.firstResponseDueAt ?? null,
      firstRespondedAt: spec.firstRespondedAt ?? null,
      resolutionDueAt: spec.resolutionDueAt ?? null,
      ...(spec.rating
        ? {
            rating: {
              create: {
                score: spec.rating.score,
                expectation: spec.rating.expectation,
                comment: spec.rating.comment ?? null,
                predictedScore: spec.predictedScore ?? null,
                departmentId: department.id,
                staffId: spec.resolvedById ?? null,
                ratedById: school.users.alice.id,
                createdAt: spec.rating.at,
              },
            },
          }
        : {}),
    },
  });
}

const INSIGHTS = /* GraphQL */ `
  query Insights($range: DateRange, $departmentId: ID) {
    insights(range: $range, departmentId: $departmentId) {
      from
      to
      departments {
        name
      }
      csatByWeek {
        department {
          name
        }
        weekStart
        csat
        responses
      }
      expectationGap {
        department {
          name
        }
        responses
        metOrExceededRate
        below
        met
        exceeded
        ticketsWithExpectation
        expectedResolutionHours
        actualResolutionHours
      }
      perceptionGapByDepartment {
        department {
          name
        }
        predictions
        averagePredicted
        averageScore
        gap
      }
      perceptionGapByStaff {
        staff {
          name
        }
        department {
          name
        }
        predictions
        gap
      }
      slaCompliance {
        department {
          name
        }
        firstResponseTickets
        firstResponseMet
        firstResponseRate
        resolutionTickets
        resolutionMet
        resolutionRate
      }
      backlogAging {
        age
        tickets
      }
      volumeByCategory {
        category {
          name
        }
        tickets
      }
    }
  }
`;

const STAFF_HOME = /* GraphQL */ `
  query StaffHome {
    staffHome {
      mine {
        thisWeek {
          csat
          responses
        }
        lastWeek {
          csat
          responses
        }
      }
      department {
        thisWeek {
          csat
          responses
        }
        lastWeek {
          csat
          responses
        }
      }
      school {
        thisWeek {
          csat
          responses
        }
        lastWeek {
          csat
          responses
        }
      }
      openTickets
      praise {
        comment
        score
        ticketNumber
        staff {
          name
        }
        department {
          name
        }
      }
    }
  }
`;

const LEADERBOARD = /* GraphQL */ `
  query Leaderboard($range: DateRange, $minResponses: Int) {
    leaderboard(range: $range, minResponses: $minResponses) {
      minResponses
      entries {
        rank
        department {
          name
        }
        csat
        responses
      }
      unranked {
        name
      }
    }
  }
`;

const RECOGNITION = /* GraphQL */ `
  query Recognition($first: Int, $after: String) {
    recognitionFeed(first: $first, after: $after) {
      edges {
        cursor
        node {
          comment
          staff {
            name
          }
          department {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

describe.each(DATABASE_KINDS)('insights on %s', (kind) => {
  let api: TestApi;
  let school: School;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    const prisma = api.db.prisma;
    const { staff, manager, otherStaff } = school.users;
    const now = Date.now();
    // A fixed history in January 2026.
    await ticket(prisma, school, {
      department: 'it',
      createdAt: at('2026-01-05T10:00Z'),
      resolvedAt: at('2026-01-05T14:00Z'),
      resolvedById: staff.id,
      predictedScore: 5,
      expectedResolutionHours: 8,
      firstResponseDueAt: at('2026-01-05T11:00Z'),
      firstRespondedAt: at('2026-01-05T10:30Z'),
      resolutionDueAt: at('2026-01-06T10:00Z'),
      rating: { score: 5, expectation: 'EXCEEDED', comment: 'Thank you Sam!', at: at('2026-01-06T09:00Z') },
    });
    await ticket(prisma, school, {
      department: 'it',
      createdAt: at('2026-01-06T09:00Z'),
      resolvedAt: at('2026-01-08T09:00Z'),
      resolvedById: staff.id,
      predictedScore: 4,
      expectedResolutionHours: 24,
      firstResponseDueAt: at('2026-01-06T10:00Z'),
      firstRespondedAt: at('2026-01-06T12:00Z'),
      resolutionDueAt: at('2026-01-07T09:00Z'),
      rating: { score: 2, expectation: 'BELOW', at: at('2026-01-13T09:00Z') },
    });
    await ticket(prisma, school, {
      department: 'it',
      createdAt: at('2026-01-13T09:00Z'),
      resolvedAt: at('2026-01-13T11:00Z'),
      resolvedById: manager.id,
      predictedScore: 3,
      firstResponseDueAt: at('2026-01-13T10:00Z'),
      firstRespondedAt: at('2026-01-13T09:30Z'),
      resolutionDueAt: at('2026-01-14T09:00Z'),
      rating: { score: 4, expectation: 'MET', at: at('2026-01-14T09:00Z') },
    });
    await ticket(prisma, school, {
      department: 'finance',
      createdAt: at('2026-01-07T09:00Z'),
      resolvedAt: at('2026-01-07T15:00Z'),
      resolvedById: otherStaff.id,
      expectedResolutionHours: 12,
      firstResponseDueAt: at('2026-01-07T10:00Z'),
      firstRespondedAt: at('2026-01-07T09:15Z'),
      resolutionDueAt: at('2026-01-08T09:00Z'),
      rating: { score: 5, expectation: 'MET', comment: 'Fiona sorted my fees', at: at('2026-01-07T16:00Z') },
    });
    // The last two weeks, for the home page.
    const recent = (department: 'it' | 'finance', resolvedById: string, score: number, daysAgo: number, comment?: string) =>
      ticket(prisma, school, {
        department,
        createdAt: new Date(now - 20 * DAY),
        resolvedAt: new Date(now - 15 * DAY),
        resolvedById,
        rating: { score, expectation: 'MET', comment, at: new Date(now - daysAgo * DAY) },
      });
    await recent('it', staff.id, 5, 1, 'Sam was great');
    await recent('it', staff.id, 3, 2);
    await recent('it', staff.id, 4, 8);
    await recent('it', staff.id, 5, 3);
    await recent('it', manager.id, 2, 1);
    await recent('finance', otherStaff.id, 5, 1, 'Fiona is a star');
    // Today's backlog: one ticket in each age bucket.
    await ticket(prisma, school, { department: 'it', createdAt: new Date(now - 2 * HOUR), assigneeId: staff.id });
    await ticket(prisma, school, { department: 'it', createdAt: new Date(now - 2 * DAY), assigneeId: staff.id });
    await ticket(prisma, school, { department: 'finance', createdAt: new Date(now - 5 * DAY) });
    await ticket(prisma, school, { department: 'it', createdAt: new Date(now - 10 * DAY) });
  });
  afterAll(() => api?.close());

  const byName = (rows: any[], name: string) => rows.find((row) => row.department.name === name);

  it('gives a manager every department’s numbers, worked out in SQL', async () => {
    const response = await api.gql(INSIGHTS, { range: RANGE }, { token: school.tokens.manager });
    expect(response.errors).toBeUndefined();
    const insights = response.data!.insights;
    expect(insights.departments.map((department: any) => department.name)).toEqual(['Financial Aid', 'IT']);

    const weeks = insights.csatByWeek.map((row: any) => [row.weekStart, row.department.name, row.csat, row.responses]);
    expect(weeks).toHaveLength(3);
    expect(weeks).toEqual(
      expect.arrayContaining([
        ['2026-01-05T00:00:00.000Z', 'IT', 1, 1],
        ['2026-01-05T00:00:00.000Z', 'Financial Aid', 1, 1],
        ['2026-01-12T00:00:00.000Z', 'IT', 0.5, 2],
      ]),
    );

    const itExpectation = byName(insights.expectationGap, 'IT');
    expect(itExpectation).toMatchObject({
      responses: 3,
      below: 1,
      met: 1,
      exceeded: 1,
      ticketsWithExpectation: 2,
      expectedResolutionHours: 16,
      actualResolutionHours: 26,
    });
    expect(itExpectation.metOrExceededRate).toBeCloseTo(2 / 3);
    expect(byName(insights.expectationGap, 'Financial Aid')).toMatchObject({
      responses: 1,
      metOrExceededRate: 1,
      expectedResolutionHours: 12,
      actualResolutionHours: 6,
    });

    const itPerception = byName(insights.perceptionGapByDepartment, 'IT');
    expect(itPerception).toMatchObject({ predictions: 3, averagePredicted: 4 });
    expect(itPerception.averageScore).toBeCloseTo(11 / 3);
    expect(itPerception.gap).toBeCloseTo(1 / 3);
    expect(byName(insights.perceptionGapByDepartment, 'Financial Aid')).toMatchObject({ predictions: 0, gap: null });
    expect(insights.perceptionGapByStaff.map((row: any) => [row.staff.name, row.predictions, row.gap])).toEqual([
      ['Sam Staff', 2, 1],
      ['Maya Manager', 1, -1],
    ]);

    expect(byName(insights.slaCompliance, 'IT')).toMatchObject({
      firstResponseTickets: 3,
      firstResponseMet: 2,
      resolutionTickets: 3,
      resolutionMet: 2,
    });
    expect(byName(insights.slaCompliance, 'IT').resolutionRate).toBeCloseTo(2 / 3);
    expect(byName(insights.slaCompliance, 'Financial Aid')).toMatchObject({ firstResponseRate: 1, resolutionRate: 1 });

    expect(insights.backlogAging).toEqual([
      { age: 'UNDER_1_DAY', tickets: 1 },
      { age: 'ONE_TO_3_DAYS', tickets: 1 },
      { age: 'THREE_TO_7_DAYS', tickets: 1 },
      { age: 'OVER_7_DAYS', tickets: 1 },
    ]);
    expect(insights.volumeByCategory.map((row: any) => [row.category.name, row.tickets])).toEqual([
      ['Login & accounts', 3],
      ['Fee or invoice is wrong', 1],
    ]);
  });

  it('costs the same SQL statements however many rows it aggregates', async () => {
    // Section by section: sections resolved side by side share loader batches unpredictably.
    const sections = [
      'csatByWeek { csat }',
      'expectationGap { department { name } }',
      'perceptionGapByStaff { staff { name } }',
      'slaCompliance { department { name } }',
      'backlogAging { tickets }',
      'volumeByCategory { category { name } }',
    ];
    const statements = async () => {
      const counts: number[] = [];
      for (const section of sections) {
        api.queries.length = 0;
        const response = await api.gql(
          `query($range: DateRange) { insights(range: $range) { ${section} } }`,
          { range: RANGE },
          { token: school.tokens.manager },
        );
        expect(response.errors).toBeUndefined();
        counts.push(api.queries.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql)).length);
      }
      return counts;
    };
    const before = await statements();
    const extra = at('2026-01-08T09:00Z');
    try {
      for (let i = 0; i < 5; i += 1) {
        await ticket(api.db.prisma, school, {
          department: 'finance',
          createdAt: extra,
          resolvedAt: at('2026-01-08T10:00Z'),
          resolvedById: school.users.otherStaff.id,
          predictedScore: 4,
          rating: { score: 4, expectation: 'MET', at: at('2026-01-09T09:00Z') },
        });
      }
      expect(await statements()).toEqual(before);
    } finally {
      await api.db.prisma.ticket.deleteMany({ where: { createdAt: extra } });
    }
  });

  it('shows a staff member their own department only, and refuses another department’s', async () => {
    const own = await api.gql(INSIGHTS, { range: RANGE }, { token: school.tokens.staff });
    expect(own.errors).toBeUndefined();
    expect(own.data!.insights.departments).toEqual([{ name: 'IT' }]);
    expect(own.data!.insights.slaCompliance.map((row: any) => row.department.name)).toEqual(['IT']);
    expect(own.data!.insights.volumeByCategory).toEqual([{ category: { name: 'Login & accounts' }, tickets: 3 }]);
    expect(own.data!.insights.backlogAging.map((row: any) => row.tickets)).toEqual([1, 1, 0, 1]);

    const financeId = toGlobalId('Department', school.departments.finance.id);
    expect(codes(await api.gql(INSIGHTS, { range: RANGE, departmentId: financeId }, { token: school.tokens.staff }))).toEqual([
      'FORBIDDEN',
    ]);
    const asAdmin = await api.gql(INSIGHTS, { range: RANGE, departmentId: financeId }, { token: school.tokens.admin });
    expect(asAdmin.data!.insights.departments).toEqual([{ name: 'Financial Aid' }]);
  });

  it('refuses students and guests every number', async () => {
    for (const query of [INSIGHTS, STAFF_HOME, LEADERBOARD, RECOGNITION]) {
      expect(codes(await api.gql(query, {}, { token: school.tokens.alice }))).toEqual(['FORBIDDEN']);
      expect(codes(await api.gql(query, {}))).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('puts my CSAT beside my department’s and the school’s, this week and last, with praise addressed to me', async () => {
    const response = await api.gql(STAFF_HOME, {}, { token: school.tokens.staff });
    expect(response.errors).toBeUndefined();
    const home = response.data!.staffHome;
    expect(home.mine).toEqual({ thisWeek: { csat: 2 / 3, responses: 3 }, lastWeek: { csat: 1, responses: 1 } });
    expect(home.department).toEqual({ thisWeek: { csat: 0.5, responses: 4 }, lastWeek: { csat: 1, responses: 1 } });
    expect(home.school).toEqual({ thisWeek: { csat: 0.6, responses: 5 }, lastWeek: { csat: 1, responses: 1 } });
    expect(home.openTickets).toBe(2);
    expect(home.praise.map((praise: any) => [praise.comment, praise.staff.name, praise.department.name])).toEqual([
      ['Sam was great', 'Sam Staff', 'IT'],
      ['Thank you Sam!', 'Sam Staff', 'IT'],
    ]);
    expect(home.praise[0].ticketNumber).toMatch(/^SD-\d+$/);
  });

  it('ranks departments by CSAT, leaving out those with too few ratings', async () => {
    const strict = await api.gql(LEADERBOARD, { range: RANGE, minResponses: 2 }, { token: school.tokens.otherStaff });
    expect(strict.errors).toBeUndefined();
    expect(strict.data!.leaderboard.entries.map((entry: any) => [entry.rank, entry.department.name, entry.responses])).toEqual([
      [1, 'IT', 3],
    ]);
    expect(strict.data!.leaderboard.entries[0].csat).toBeCloseTo(2 / 3);
    expect(strict.data!.leaderboard.unranked).toEqual([{ name: 'Financial Aid' }]);

    const lenient = await api.gql(LEADERBOARD, { range: RANGE, minResponses: 1 }, { token: school.tokens.staff });
    expect(lenient.data!.leaderboard.entries.map((entry: any) => [entry.rank, entry.department.name])).toEqual([
      [1, 'Financial Aid'],
      [2, 'IT'],
    ]);
    expect(codes(await api.gql(LEADERBOARD, { minResponses: 0 }, { token: school.tokens.staff }))).toEqual(['BAD_USER_INPUT']);
  });

  it('feeds praise from across the school to every staff member, page by page', async () => {
    const first = await api.gql(RECOGNITION, { first: 2 }, { token: school.tokens.otherStaff });
    expect(first.errors).toBeUndefined();
    expect(first.data!.recognitionFeed.edges.map((edge: any) => edge.node.comment).sort()).toEqual(['Fiona is a star', 'Sam was great']);
    expect(first.data!.recognitionFeed.pageInfo.hasNextPage).toBe(true);
    const rest = await api.gql(
      RECOGNITION,
      { first: 10, after: first.data!.recognitionFeed.pageInfo.endCursor },
      { token: school.tokens.otherStaff },
    );
    expect(rest.data!.recognitionFeed.edges.map((edge: any) => [edge.node.comment, edge.node.staff.name])).toEqual([
      ['Fiona sorted my fees', 'Fiona Finance'],
      ['Thank you Sam!', 'Sam Staff'],
    ]);
    expect(rest.data!.recognitionFeed.pageInfo.hasNextPage).toBe(false);
  });
});
