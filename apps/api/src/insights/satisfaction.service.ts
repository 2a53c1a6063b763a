// The satisfaction report, aggregated in SQL: one statement, however many ratings there are. Whole
// UTC days come from "SatisfactionDay" (kept by triggers, migration satisfaction_days); only the
// partial days at the ends of the range are read from the ratings and tickets themselves, through
// the same satisfaction_of_rating / satisfaction_of_ticket functions the triggers use.
import { Prisma, type Department, type PrismaClient } from '@studentdesk/db';
import { enforce, viewerStaff, type Viewer } from '../auth/viewer.js';
import { badInput } from '../errors.js';
import * as insightsPolicy from './insights.policy.js';

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
  enforce(insightsPolicy.canReadNumbers(viewer));
  return insightsPolicy.canSeeEveryDepartment(viewer) ? () => true : (row) => row.id === viewerStaff(viewer)?.departmentId;
}

export interface SplitRange {
  /** Whole UTC days inside the range, as dates ("2026-05-01"), end exclusive; equal when there are none. */
  days: { from: string; to: string };
  /** The rest of the range: at most a partial day at each end. */
  edges: Array<{ from: Date; to: Date }>;
}

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Splits [from, to) into the whole UTC days the rollup answers and the partial days around them. */
export function splitRange({ from, to }: { from: Date; to: Date }): SplitRange {
  const firstWholeDay = Math.ceil(from.getTime() / DAY) * DAY;
  const endOfWholeDays = Math.floor(to.getTime() / DAY) * DAY;
  if (firstWholeDay >= endOfWholeDays) return { days: { from: isoDay(firstWholeDay), to: isoDay(firstWholeDay) }, edges: [{ from, to }] };
  const edges = [
    { from, to: new Date(firstWholeDay) },
    { from: new Date(endOfWholeDays), to },
  ].filter((edge) => edge.from < edge.to);
  return { days: { from: isoDay(firstWholeDay), to: isoDay(endOfWholeDays) }, edges };
}

/** `column` within one of the edges. */
function inEdges(column: string, edges: SplitRange['edges']): Prisma.Sql {
  if (edges.length === 0) return Prisma.sql`FALSE`;
  const at = Prisma.raw(column);
  return Prisma.sql`(${Prisma.join(
    edges.map((edge) => Prisma.sql`(${at} >= ${edge.from} AND ${at} < ${edge.to})`),
    ' OR ',
  )})`;
}

export async function satisfactionReport(prisma: PrismaClient, viewer: Viewer, range: { from: Date; to: Date }) {
  const isVisible = visibleDepartment(viewer);
  const { days, edges } = splitRange(range);
  const rows = await prisma.$queryRaw<DepartmentRow[]>`
    WITH figures AS (
      SELECT sd.* FROM "SatisfactionDay" sd
      WHERE sd."day" >= ${days.from}::date AND sd."day" < ${days.to}::date
      UNION ALL
      SELECT part.* FROM "Rating" r, satisfaction_of_rating(r) part
      WHERE ${inEdges('r."createdAt"', edges)}
      UNION ALL
      SELECT part.* FROM "Ticket" t, satisfaction_of_ticket(t) part
      WHERE part."day" IS NOT NULL AND ${inEdges('t."resolvedAt"', edges)}
    ), totals AS (
      SELECT "departmentId",
             sum("responses")::int AS responses,
             sum("satisfied")::int AS satisfied,
             sum("expectationMet")::int AS "expectationMet",
             sum("perceptionGapSum")::float8 / NULLIF(sum("perceptionGapCount"), 0) AS "perceptionGap",
             sum("resolvedTickets")::int AS "resolvedTickets",
             sum("resolvedInTime")::int AS "resolvedInTime"
      FROM figures
      GROUP BY "departmentId"
    )
    SELECT d.*,
           COALESCE(totals.responses, 0) AS responses,
           COALESCE(totals.satisfied, 0) AS satisfied,
           COALESCE(totals."expectationMet", 0) AS "expectationMet",
           totals."perceptionGap",
           COALESCE(totals."resolvedTickets", 0) AS "resolvedTickets",
           COALESCE(totals."resolvedInTime", 0) AS "resolvedInTime"
    FROM "Department" d
    LEFT JOIN totals ON totals."departmentId" = d.id
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
