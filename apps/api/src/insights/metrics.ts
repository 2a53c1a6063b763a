// The one definition of every number managers see: CSAT, expectation met, perception gap, SLA
// attainment (first response and resolution), first-response and resolution time. Every
// resolver (satisfaction report, insights, leaderboard, staff home, student panel) reads its
// figures here, so two views of one period always agree. docs/metrics.md says the same in words.
//
// Which period a figure belongs to:
// - a rating to the moment the student gave it (Rating.createdAt), and to the department that
//   handled the ticket then (Rating.departmentId) and the staff member who resolved it;
// - a ticket (its SLA targets, how long it took) to the moment it was reported (Ticket.createdAt),
//   and to its department.
// Periods are instants, from inclusive, to exclusive. Days and weeks are UTC days and weeks
// starting Monday 00:00 UTC; department time zones only move due times (business hours).
//
// What each rating and ticket adds is defined once, in SQL, by the functions of migration
// metric_definitions (satisfaction_of_rating, satisfaction_of_ticket, sla_overdue_of_ticket);
// "SatisfactionDay" holds their sums per department and day, kept by triggers. This module
// sums parts over a period and turns the sums (a Tally) into rates and averages.
import { Prisma, type PrismaClient } from '@studentdesk/db';
import { badInput } from '../errors.js';

export const DEFAULT_RANGE_DAYS = 30;
const MAX_RANGE_DAYS = 731;
const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface Period {
  from: Date;
  to: Date;
}

/** The period asked for, checked; the last 30 days up to `now` when none is given. */
export function resolveRange(range: Period | null | undefined, now: Date): Period {
  if (!range) return { from: new Date(now.getTime() - DEFAULT_RANGE_DAYS * DAY), to: now };
  if (range.from >= range.to) throw badInput('The range must start before it ends.', 'range');
  if (range.to.getTime() - range.from.getTime() > MAX_RANGE_DAYS * DAY) {
    throw badInput(`The range can span at most ${MAX_RANGE_DAYS} days.`, 'range');
  }
  return range;
}

/** The sums every metric is computed from: the columns of "SatisfactionDay". */
const COUNTS = [
  'responses',
  'satisfied',
  'expectationMet',
  'expectationExceeded',
  'scoreSum',
  'perceptionGapSum',
  'perceptionGapCount',
  'predictedScoreSum',
  'firstResponseDecided',
  'firstResponseMet',
  'resolutionDecided',
  'resolutionMet',
  'respondedTickets',
  'resolvedTickets',
  'expectationTickets',
  'expectedHours',
] as const;
const DURATIONS = ['firstResponseMs', 'resolutionMs', 'expectationResolutionMs'] as const;

export type Tally = Record<(typeof COUNTS)[number] | (typeof DURATIONS)[number], number>;

export const emptyTally = (): Tally => Object.fromEntries([...COUNTS, ...DURATIONS].map((column) => [column, 0])) as Tally;

export function addTallies(tallies: Tally[]): Tally {
  const total = emptyTally();
  for (const tally of tallies) for (const column of Object.keys(total) as Array<keyof Tally>) total[column] += tally[column];
  return total;
}

/** The sums of the parts aliased `p`, as the columns of a Tally. */
const TALLY_SUMS = Prisma.raw(
  [
    ...COUNTS.map((column) => `COALESCE(sum(p."${column}"), 0)::int AS "${column}"`),
    ...DURATIONS.map((column) => `COALESCE(sum(p."${column}"), 0)::float8 AS "${column}"`),
  ].join(', '),
);

export const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const mean = (sum: number, count: number) => (count > 0 ? sum / count : null);

/** CSAT: the share of ratings that are 4 or 5. */
export const csat = (t: Tally) => share(t.satisfied, t.responses);
/** The share of ratings whose expectation was met or exceeded. */
export const expectationMetRate = (t: Tally) => share(t.expectationMet, t.responses);
export const expectationCounts = (t: Tally) => ({
  below: t.responses - t.expectationMet,
  met: t.expectationMet - t.expectationExceeded,
  exceeded: t.expectationExceeded,
});
/** The mean score students gave, 1 to 5. */
export const averageScore = (t: Tally) => mean(t.scoreSum, t.responses);
/** Perception gap, over ratings with a prediction: mean of (predicted − given score). */
export const perceptionGap = (t: Tally) => ({
  predictions: t.perceptionGapCount,
  averagePredicted: mean(t.predictedScoreSum, t.perceptionGapCount),
  averageScore: mean(t.predictedScoreSum - t.perceptionGapSum, t.perceptionGapCount),
  gap: mean(t.perceptionGapSum, t.perceptionGapCount),
});
/**
 * SLA attainment: of the targets decided (met, or missed: answered or resolved late, or still not
 * after the due time), the share met. Tickets without a due time have no target.
 */
export const firstResponseAttainment = (t: Tally) => share(t.firstResponseMet, t.firstResponseDecided);
export const resolutionAttainment = (t: Tally) => share(t.resolutionMet, t.resolutionDecided);
/** Mean wall-clock hours from the report to the first public staff answer, over answered tickets. */
export const averageFirstResponseHours = (t: Tally) => mean(t.firstResponseMs / HOUR, t.respondedTickets);
/** Mean wall-clock hours from the report to the resolution, over resolved tickets. */
export const averageResolutionHours = (t: Tally) => mean(t.resolutionMs / HOUR, t.resolvedTickets);
/** Over resolved tickets whose student said how soon they expected it: expected and actual mean hours. */
export const expectedAgainstActualHours = (t: Tally) => ({
  ticketsWithExpectation: t.expectationTickets,
  expectedResolutionHours: mean(t.expectedHours, t.expectationTickets),
  actualResolutionHours: mean(t.expectationResolutionMs / HOUR, t.expectationTickets),
});

export interface SplitRange {
  /** Whole UTC days inside the range, as dates ("2026-05-01"), end exclusive; equal when there are none. */
  days: { from: string; to: string };
  /** The rest of the range: at most a partial day at each end. */
  edges: Period[];
}

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Splits [from, to) into the whole UTC days the rollup answers and the partial days around them. */
export function splitRange({ from, to }: Period): SplitRange {
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
function inEdges(column: string, edges: Period[]): Prisma.Sql {
  if (edges.length === 0) return Prisma.sql`FALSE`;
  const at = Prisma.raw(column);
  return Prisma.sql`(${Prisma.join(
    edges.map((edge) => Prisma.sql`(${at} >= ${edge.from} AND ${at} < ${edge.to})`),
    ' OR ',
  )})`;
}

/** SQL predicate on a department column: every department when `departmentIds` is null. */
function inDepartments(column: string, departmentIds: string[] | null): Prisma.Sql {
  return departmentIds === null ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(column)} = ANY(${departmentIds}::uuid[])`;
}

export interface DepartmentTally {
  departmentId: string;
  /** Monday 00:00 UTC of the week, when asked for by week. */
  weekStart: Date | null;
  tally: Tally;
}

/**
 * Sums per department (and per week with `byWeek`) over a period, as of `now`: whole UTC days from
 * "SatisfactionDay", the partial days at the ends from the ratings and tickets themselves, and the
 * targets missed by `now` that no write has recorded. Departments without any part are left out.
 */
export async function departmentTallies(
  prisma: PrismaClient,
  period: Period,
  now: Date,
  options: { departmentIds?: string[] | null; byWeek?: boolean } = {},
): Promise<DepartmentTally[]> {
  const departmentIds = options.departmentIds ?? null;
  const { days, edges } = splitRange(period);
  const week = options.byWeek ? Prisma.sql`date_trunc('week', p."day"::timestamp) AT TIME ZONE 'UTC'` : Prisma.sql`NULL::timestamptz`;
  const rows = await prisma.$queryRaw<Array<Tally & { departmentId: string; weekStart: Date | null }>>`
    WITH parts AS (
      SELECT sd.* FROM "SatisfactionDay" sd
      WHERE sd."day" >= ${days.from}::date AND sd."day" < ${days.to}::date AND ${inDepartments('sd."departmentId"', departmentIds)}
      UNION ALL
      SELECT part.* FROM "Rating" r, satisfaction_of_rating(r) part
      WHERE ${inEdges('r."createdAt"', edges)} AND ${inDepartments('r."departmentId"', departmentIds)}
      UNION ALL
      SELECT part.* FROM "Ticket" t, satisfaction_of_ticket(t) part
      WHERE ${inEdges('t."createdAt"', edges)} AND ${inDepartments('t."departmentId"', departmentIds)}
      UNION ALL
      -- Only an unresolved ticket can owe an answer or a resolution (resolving answers too).
      SELECT part.* FROM "Ticket" t, sla_overdue_of_ticket(t, ${now}::timestamptz) part
      WHERE t."resolvedAt" IS NULL
        AND t."createdAt" >= ${period.from}::timestamptz AND t."createdAt" < ${period.to}::timestamptz
        AND ${inDepartments('t."departmentId"', departmentIds)}
    )
    SELECT p."departmentId", ${week} AS "weekStart", ${TALLY_SUMS}
    FROM parts p
    GROUP BY 1, 2
    ORDER BY 2, 1`;
  return rows.map(({ departmentId, weekStart, ...tally }) => ({ departmentId, weekStart, tally }));
}

/** Rating sums per staff member who resolved the rated tickets (and their department) over a period. */
export async function staffTallies(
  prisma: PrismaClient,
  period: Period,
  options: { departmentIds?: string[] | null; staffId?: string } = {},
): Promise<Array<{ staffId: string; departmentId: string; tally: Tally }>> {
  const rows = await prisma.$queryRaw<Array<Tally & { staffId: string; departmentId: string }>>`
    SELECT r."staffId", r."departmentId", ${TALLY_SUMS}
    FROM "Rating" r, satisfaction_of_rating(r) p
    WHERE r."staffId" IS NOT NULL AND r."createdAt" >= ${period.from}::timestamptz AND r."createdAt" < ${period.to}::timestamptz
      AND ${inDepartments('r."departmentId"', options.departmentIds ?? null)}
      AND ${options.staffId ? Prisma.sql`r."staffId" = ${options.staffId}::uuid` : Prisma.sql`TRUE`}
    GROUP BY 1, 2`;
  return rows.map(({ staffId, departmentId, ...tally }) => ({ staffId, departmentId, tally }));
}

/** Rating sums over the ratings of the tickets `ticketCondition` (SQL on "Ticket" t) selects, of any time. */
export async function ticketRatingTally(prisma: PrismaClient, ticketCondition: Prisma.Sql): Promise<Tally> {
  const [tally] = await prisma.$queryRaw<[Tally]>`
    SELECT ${TALLY_SUMS}
    FROM "Ticket" t JOIN "Rating" r ON r."ticketId" = t."id", satisfaction_of_rating(r) p
    WHERE ${ticketCondition}`;
  return tally;
}
