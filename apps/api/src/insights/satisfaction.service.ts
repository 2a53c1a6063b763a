// The satisfaction report, aggregated in SQL: one statement, however many ratings there are.
import type { Department, PrismaClient } from '@studentdesk/db';
import { hasScope, missingScope, requireStaff, type Viewer } from '../auth/viewer.js';
import { badInput } from '../errors.js';

export const DEFAULT_RANGE_DAYS = 30;
const MAX_RANGE_DAYS = 731;
const DAY = 86_400_000;

interface DepartmentRow extends Department {
  responses: number;
  satisfied: number;
  expectationMet: number;
  perceptionGap: number | null;
  resolvedTickets: number;
  resolvedInTime: number;
}

export const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function resolveRange(range: { from: Date; to: Date } | null | undefined, now: Date): { from: Date; to: Date } {
  if (!range) return { from: new Date(now.getTime() - DEFAULT_RANGE_DAYS * DAY), to: now };
  if (range.from >= range.to) throw badInput('The range must start before it ends.', 'range');
  if (range.to.getTime() - range.from.getTime() > MAX_RANGE_DAYS * DAY) {
    throw badInput(`The range can span at most ${MAX_RANGE_DAYS} days.`, 'range');
  }
  return range;
}

/**
 * Which departments' rows the viewer sees: managers, admins and integrations (insights:read) compare
 * departments; staff see the school's figure and their own department.
 */
function visibleDepartment(viewer: Viewer): (row: Department) => boolean {
  if (viewer.kind === 'apiKey') {
    if (!hasScope(viewer, 'insights:read')) throw missingScope('insights:read');
    return () => true;
  }
  const user = requireStaff(viewer);
  return user.role === 'STAFF' ? (row) => row.id === user.departmentId : () => true;
}

export async function satisfactionReport(prisma: PrismaClient, viewer: Viewer, range: { from: Date; to: Date }) {
  const isVisible = visibleDepartment(viewer);
  const rows = await prisma.$queryRaw<DepartmentRow[]>`
    WITH rated AS (
      SELECT "departmentId",
             count(*)::int AS responses,
             count(*) FILTER (WHERE score >= 4)::int AS satisfied,
             count(*) FILTER (WHERE expectation IN ('MET', 'EXCEEDED'))::int AS "expectationMet",
             avg(("predictedScore" - score)::float8) FILTER (WHERE "predictedScore" IS NOT NULL) AS "perceptionGap"
      FROM "Rating"
      WHERE "createdAt" >= ${range.from} AND "createdAt" < ${range.to}
      GROUP BY "departmentId"
    ), resolved AS (
      SELECT "departmentId",
             count(*)::int AS "resolvedTickets",
             count(*) FILTER (WHERE "resolvedAt" <= "resolutionDueAt")::int AS "resolvedInTime"
      FROM "Ticket"
      WHERE "resolvedAt" >= ${range.from} AND "resolvedAt" < ${range.to} AND "resolutionDueAt" IS NOT NULL
      GROUP BY "departmentId"
    )
    SELECT d.*,
           COALESCE(rated.responses, 0) AS responses,
           COALESCE(rated.satisfied, 0) AS satisfied,
           COALESCE(rated."expectationMet", 0) AS "expectationMet",
           rated."perceptionGap",
           COALESCE(resolved."resolvedTickets", 0) AS "resolvedTickets",
           COALESCE(resolved."resolvedInTime", 0) AS "resolvedInTime"
    FROM "Department" d
    LEFT JOIN rated ON rated."departmentId" = d.id
    LEFT JOIN resolved ON resolved."departmentId" = d.id
    ORDER BY d.name`;

  const responses = rows.reduce((sum, row) => sum + row.responses, 0);
  const satisfied = rows.reduce((sum, row) => sum + row.satisfied, 0);
  const visible = rows.filter(isVisible);
  return {
    ...range,
    csat: share(satisfied, responses),
    responses,
    byDepartment: visible.map((row) => ({
      department: row,
      responses: row.responses,
      csat: share(row.satisfied, row.responses),
      expectationMetRate: share(row.expectationMet, row.responses),
      perceptionGap: row.perceptionGap,
      slaCompliance: share(row.resolvedInTime, row.resolvedTickets),
      resolvedTickets: row.resolvedTickets,
    })),
  };
}
