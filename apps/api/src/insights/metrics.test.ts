// One answer per metric, whichever view shows it: over one school and one period, each metric is
// read through every GraphQL surface that shows it (the satisfaction report, the insights
// dashboards, the leaderboard, the staff home page, the breach filter of the ticket list), through
// the rollup (a period of whole UTC days) and through the raw rows (a period cut mid-day), and
// every reading must be the same number, the one worked out by hand below.
// The SLA attainment for IT read 80 % in the satisfaction report (tickets resolved in the period)
// and 50 % on the dashboards (tickets reported in the period) before both used metrics.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchool, DATABASE_KINDS, type School } from '@studentdesk/testing';
import { startTestApi, type TestApi } from '../test/api.js';
import { toGlobalId } from '../relay/global-id.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const SURFACES = /* GraphQL */ `
  query Surfaces($range: DateRange!, $departmentId: ID!) {
    satisfaction(range: $range) {
      csat
      responses
      byDepartment {
        department {
          id
        }
        csat
        responses
        expectationMetRate
        perceptionGap
        slaCompliance
        slaTickets
        resolvedTickets
      }
    }
    insights(range: $range, departmentId: $departmentId) {
      csatByWeek {
        csat
        responses
      }
      expectationGap {
        metOrExceededRate
        responses
        below
        met
        exceeded
        ticketsWithExpectation
        expectedResolutionHours
        actualResolutionHours
      }
      perceptionGapByDepartment {
        gap
        predictions
        averagePredicted
        averageScore
      }
      perceptionGapByStaff {
        gap
        predictions
        staff {
          id
        }
      }
      slaCompliance {
        firstResponseTickets
        firstResponseMet
        firstResponseRate
        resolutionTickets
        resolutionMet
        resolutionRate
        averageFirstResponseHours
        averageResolutionHours
      }
    }
    leaderboard(range: $range, minResponses: 1) {
      entries {
        department {
          id
        }
        csat
        responses
      }
    }
  }
`;

const STAFF_HOME = /* GraphQL */ `
  query {
    staffHome {
      mine {
        thisWeek {
          csat
          responses
        }
      }
      department {
        thisWeek {
          csat
          responses
        }
      }
      school {
        thisWeek {
          csat
          responses
        }
      }
    }
  }
`;

const BREACHED = /* GraphQL */ `
  query Breached($departmentId: ID!) {
    tickets(filter: { breached: true, departmentId: $departmentId }) {
      totalCount
    }
  }
`;

interface TicketStory {
  /** Hours after the start of the story (T − 6 days); negative: reported before the period. */
  reportedAt: number;
  /** Hours after the report: first public answer, and its due time (null: no SLA). */
  answered?: number;
  answerDue: number | null;
  resolved?: number;
  resolutionDue: number | null;
  expectedHours?: number;
  rating?: { score: number; expectation: 'BELOW' | 'MET' | 'EXCEEDED'; predicted?: number; atHours: number };
}

/** IT's tickets. Due times are relative to the report; `now` is 6 days after the story starts. */
const IT_TICKETS: TicketStory[] = [
  // Reported before the period, resolved in it: none of its ticket figures count; its rating does.
  {
    reportedAt: -96,
    answered: 1,
    answerDue: 4,
    resolved: 80,
    resolutionDue: 100,
    rating: { score: 5, expectation: 'EXCEEDED', predicted: 4, atHours: 100 },
  },
  // 1: answered and resolved in time.
  {
    reportedAt: 1,
    answered: 2,
    answerDue: 4,
    resolved: 10,
    resolutionDue: 24,
    expectedHours: 24,
    rating: { score: 5, expectation: 'MET', predicted: 5, atHours: 12 },
  },
  // 2: answered and resolved in time.
  { reportedAt: 2, answered: 1, answerDue: 4, resolved: 20, resolutionDue: 24, rating: { score: 4, expectation: 'MET', atHours: 22 } },
  // 3: answered in time, resolved late.
  {
    reportedAt: 3,
    answered: 3,
    answerDue: 4,
    resolved: 30,
    resolutionDue: 24,
    expectedHours: 48,
    rating: { score: 2, expectation: 'BELOW', predicted: 4, atHours: 40 },
  },
  // 4: answered late, resolved in time.
  {
    reportedAt: 4,
    answered: 6,
    answerDue: 4,
    resolved: 12,
    resolutionDue: 24,
    rating: { score: 3, expectation: 'BELOW', predicted: 3, atHours: 20 },
  },
  // 5: answered in time, open, resolution due after now: undecided.
  { reportedAt: 5, answered: 2, answerDue: 4, resolutionDue: 400 },
  // 6: never answered, open, both due times passed: both missed.
  { reportedAt: 6, answerDue: 4, resolutionDue: 24 },
  // 7: answered in time, open, resolution due time passed: missed.
  { reportedAt: 7, answered: 1, answerDue: 4, resolutionDue: 24 },
  // 8: no SLA (no due times): no target, but its times count.
  {
    reportedAt: 8,
    answered: 4,
    answerDue: null,
    resolved: 9,
    resolutionDue: null,
    rating: { score: 1, expectation: 'BELOW', predicted: 2, atHours: 10 },
  },
  // 9: unanswered, both due after now: undecided.
  { reportedAt: 9, answerDue: 300, resolutionDue: 400 },
];

const FINANCE_TICKETS: TicketStory[] = [
  { reportedAt: 10, answered: 1, answerDue: 4, resolved: 5, resolutionDue: 24, rating: { score: 4, expectation: 'MET', atHours: 6 } },
  { reportedAt: 11, answered: 1, answerDue: 4, resolved: 5, resolutionDue: 24, rating: { score: 1, expectation: 'BELOW', atHours: 6 } },
];

/** IT's figures, worked out by hand from the stories above. */
const IT = {
  // Ratings given in the period: 0, 1, 2, 3, 4, 8.
  responses: 6,
  csat: 3 / 6, // 5, 5, 4
  expectationMetRate: 3 / 6, // EXCEEDED, MET, MET
  perceptionGap: (-1 + 0 + 2 + 0 + 1) / 5,
  // First response decided: 1–7; met: 1, 2, 3, 5, 7.
  firstResponse: { decided: 7, met: 5 },
  // Resolution decided: 1, 2, 3, 4, 6, 7; met: 1, 2, 4.
  resolution: { decided: 6, met: 3 },
  averageFirstResponseHours: (2 + 1 + 3 + 6 + 2 + 1 + 4) / 7,
  averageResolutionHours: (10 + 20 + 30 + 12 + 9) / 5,
  expectation: { tickets: 2, expected: (24 + 48) / 2, actual: (10 + 30) / 2 },
  // 3, 4, 6, 7 missed a target.
  breached: 4,
};
const SCHOOL = { responses: 8, csat: 4 / 8 };

describe.each(DATABASE_KINDS)('every metric has one answer on %s', (kind) => {
  let api: TestApi;
  let school: School;
  /** The story starts 6 days before now; the period is the 7 days up to now. */
  let now: number;
  let start: number;

  beforeAll(async () => {
    api = await startTestApi(kind);
    school = await createSchool(api);
    now = Date.now();
    start = now - 6 * DAY;
    const prisma = api.db.prisma;
    const write = async (stories: TicketStory[], department: { id: string }, category: { id: string }, staffId: string) => {
      for (const [index, story] of stories.entries()) {
        const createdAt = start + story.reportedAt * HOUR;
        const at = (hours: number | null | undefined) =>
          hours === null || hours === undefined ? null : new Date(createdAt + hours * HOUR);
        await prisma.ticket.create({
          data: {
            title: `Story ${index}`,
            description: 'Details.',
            priority: 'NORMAL',
            channel: 'PORTAL',
            status: story.resolved === undefined ? 'OPEN' : 'RESOLVED',
            categoryId: category.id,
            departmentId: department.id,
            requesterId: school.users.alice.id,
            contactName: school.users.alice.name,
            contactEmail: school.users.alice.email,
            createdAt: new Date(createdAt),
            firstRespondedAt: at(story.answered),
            firstResponseDueAt: at(story.answerDue),
            resolvedAt: at(story.resolved),
            resolvedById: story.resolved === undefined ? null : staffId,
            resolutionDueAt: at(story.resolutionDue),
            expectedResolutionHours: story.expectedHours ?? null,
            ...(story.rating
              ? {
                  rating: {
                    create: {
                      score: story.rating.score,
                      expectation: story.rating.expectation,
                      predictedScore: story.rating.predicted ?? null,
                      departmentId: department.id,
                      staffId,
                      ratedById: school.users.alice.id,
                      createdAt: at(story.rating.atHours)!,
                    },
                  },
                }
              : {}),
          },
        });
      }
    };
    await write(IT_TICKETS, school.departments.it, school.categories.login, school.users.staff.id);
    await write(FINANCE_TICKETS, school.departments.finance, school.categories.fees, school.users.otherStaff.id);
  });
  afterAll(() => api?.close());

  /** Every surface over one period. */
  async function read(range: { from: Date; to: Date }) {
    const response = await api.gql(
      SURFACES,
      { range, departmentId: toGlobalId('Department', school.departments.it.id) },
      { token: school.tokens.admin },
    );
    expect(response.errors).toBeUndefined();
    const { satisfaction, insights, leaderboard } = response.data!;
    const itId = toGlobalId('Department', school.departments.it.id);
    return {
      report: satisfaction,
      reportIt: satisfaction.byDepartment.find((row: any) => row.department.id === itId),
      insights,
      leaderboardIt: leaderboard.entries.find((entry: any) => entry.department.id === itId),
    };
  }

  it('answers the same for a period cut mid-day (raw rows) and for whole UTC days (the rollup)', async () => {
    const midDay = { from: new Date(now - 7 * DAY), to: new Date(now) };
    const wholeDays = { from: new Date(Math.floor((now - 8 * DAY) / DAY) * DAY), to: new Date(Math.ceil(now / DAY) * DAY + DAY) };
    for (const range of [midDay, wholeDays]) {
      const { report, reportIt, insights, leaderboardIt } = await read(range);
      const sla = insights.slaCompliance[0];
      const expectation = insights.expectationGap[0];
      const weeks = insights.csatByWeek;
      const label = JSON.stringify(range);

      // CSAT: the report, the weekly chart (summed), the leaderboard; and the school's.
      const weeklyResponses = weeks.reduce((sum: number, week: any) => sum + week.responses, 0);
      const weeklySatisfied = weeks.reduce((sum: number, week: any) => sum + Math.round(week.csat * week.responses), 0);
      expect([reportIt.csat, weeklySatisfied / weeklyResponses, leaderboardIt.csat], label).toEqual([IT.csat, IT.csat, IT.csat]);
      expect([reportIt.responses, weeklyResponses, leaderboardIt.responses, expectation.responses], label).toEqual(
        Array(4).fill(IT.responses),
      );
      expect([report.csat, report.responses], label).toEqual([SCHOOL.csat, SCHOOL.responses]);

      // Expectation met: the report and the expectation gap.
      expect([reportIt.expectationMetRate, expectation.metOrExceededRate], label).toEqual([IT.expectationMetRate, IT.expectationMetRate]);
      expect([expectation.below, expectation.met, expectation.exceeded], label).toEqual([3, 2, 1]);

      // Perception gap: the report, per department, and per person (all IT's resolutions are Sam's).
      const [byStaff] = insights.perceptionGapByStaff;
      expect(byStaff.staff.id).toBe(toGlobalId('User', school.users.staff.id));
      for (const gap of [reportIt.perceptionGap, insights.perceptionGapByDepartment[0].gap, byStaff.gap]) {
        expect(gap, label).toBeCloseTo(IT.perceptionGap, 12);
      }
      expect([insights.perceptionGapByDepartment[0].predictions, byStaff.predictions]).toEqual([5, 5]);

      // SLA attainment: resolution in the report and on the dashboard; first response on the dashboard.
      expect([reportIt.slaCompliance, sla.resolutionRate], label).toEqual([
        IT.resolution.met / IT.resolution.decided,
        IT.resolution.met / IT.resolution.decided,
      ]);
      expect([reportIt.slaTickets, sla.resolutionTickets, sla.resolutionMet], label).toEqual([
        IT.resolution.decided,
        IT.resolution.decided,
        IT.resolution.met,
      ]);
      expect([sla.firstResponseTickets, sla.firstResponseMet, sla.firstResponseRate], label).toEqual([
        IT.firstResponse.decided,
        IT.firstResponse.met,
        IT.firstResponse.met / IT.firstResponse.decided,
      ]);

      // First-response and resolution time; expected against actual.
      expect(sla.averageFirstResponseHours, label).toBeCloseTo(IT.averageFirstResponseHours, 9);
      expect(sla.averageResolutionHours, label).toBeCloseTo(IT.averageResolutionHours, 9);
      expect(reportIt.resolvedTickets, label).toBe(5);
      expect(expectation.ticketsWithExpectation).toBe(IT.expectation.tickets);
      expect(expectation.expectedResolutionHours).toBeCloseTo(IT.expectation.expected, 9);
      expect(expectation.actualResolutionHours).toBeCloseTo(IT.expectation.actual, 9);
    }
  });

  it('shows the same CSAT on the staff home page for its last 7 days', async () => {
    const response = await api.gql(STAFF_HOME, {}, { token: school.tokens.staff });
    expect(response.errors).toBeUndefined();
    const home = response.data!.staffHome;
    expect(home.mine.thisWeek).toEqual({ csat: IT.csat, responses: IT.responses });
    expect(home.department.thisWeek).toEqual({ csat: IT.csat, responses: IT.responses });
    expect(home.school.thisWeek).toEqual({ csat: SCHOOL.csat, responses: SCHOOL.responses });
  });

  it('counts as missed exactly the targets of the tickets the list shows as breached', async () => {
    const response = await api.gql(
      BREACHED,
      { departmentId: toGlobalId('Department', school.departments.it.id) },
      { token: school.tokens.admin },
    );
    expect(response.errors).toBeUndefined();
    // Ticket 0, reported before the period, met both targets.
    expect(response.data!.tickets.totalCount).toBe(IT.breached);
  });
});
