// The satisfaction report: CSAT, expectation, perception gap and resolution SLA attainment per
// department, for integrations (insights:read) and staff. Figures from metrics.ts.
import type { Department, PrismaClient } from '@studentdesk/db';
import { departmentsOf, enforce, viewerStaff, type Viewer } from '../auth/viewer.js';
import * as insightsPolicy from './insights.policy.js';
import {
  addTallies,
  csat,
  departmentTallies,
  emptyTally,
  expectationMetRate,
  perceptionGap,
  resolutionAttainment,
  type Period,
} from './metrics.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';

/**
 * Which departments' rows the viewer sees: managers, admins and integrations (insights:read) compare
 * departments; staff see the school's figure and their own department.
 */
function visibleDepartment(viewer: Viewer): (row: Department) => boolean {
  enforce(insightsPolicy.canReadNumbers(viewer));
  if (insightsPolicy.canSeeEveryDepartment(viewer)) return () => true;
  const own = new Set(departmentsOf(viewerStaff(viewer) ?? { memberships: [] }));
  return (row) => own.has(row.id);
}

export async function satisfactionReport({ prisma }: { prisma: PrismaClient }, viewer: Viewer, range: Period, now = new Date()) {
  const isVisible = visibleDepartment(viewer);
  const [departments, tallies] = await Promise.all([
    prisma.department.findMany({ orderBy: { name: 'asc' } }),
    departmentTallies(prisma, range, now),
  ]);
  const school = addTallies(tallies.map((row) => row.tally));
  return {
    ...range,
    csat: csat(school),
    responses: school.responses,
    // The school's figures count every department; the list stops at its maximum.
    byDepartment: departments
      .filter(isVisible)
      .slice(0, LIST_MAXIMUM.departments)
      .map((department) => {
        const tally = tallies.find((row) => row.departmentId === department.id)?.tally ?? emptyTally();
        return {
          department,
          responses: tally.responses,
          csat: csat(tally),
          expectationMetRate: expectationMetRate(tally),
          perceptionGap: perceptionGap(tally).gap,
          slaCompliance: resolutionAttainment(tally),
          slaTickets: tally.resolutionDecided,
          resolvedTickets: tally.resolvedTickets,
        };
      }),
  };
}
