// The managers' dashboards. The figures come from metrics.ts, computed once per request for the
// scope's departments; the resolver runs only the sections a client asks for.
import { Prisma, type User as UserRow } from '@studentdesk/db';
import { UNRESOLVED_STATUSES } from '@studentdesk/domain';
import { enforce } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { canReadStaffPages, inScopeSql, type InsightScope } from './insights.policy.js';
import { BacklogAge } from './insights.type.js';
import {
  averageFirstResponseHours,
  averageResolutionHours,
  csat,
  departmentTallies,
  emptyTally,
  expectationCounts,
  expectationMetRate,
  expectedAgainstActualHours,
  firstResponseAttainment,
  perceptionGap,
  resolutionAttainment,
  resolveRange,
  staffTallies,
  type DepartmentTally,
} from './metrics.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { slaBreachedSql } from '../sla/sla.breach.js';

/** The due time a ticket is racing now on "Ticket" t: its first answer until given, then its resolution unless the clock is paused. */
const pendingDueSql = Prisma.sql`(CASE WHEN t."firstRespondedAt" IS NULL THEN t."firstResponseDueAt" WHEN t."slaPausedAt" IS NULL THEN t."resolutionDueAt" END)`;

export interface InsightsRequest {
  scope: InsightScope;
  from: Date;
  to: Date;
  now: Date;
}

const departments = (ctx: Context, ids: string[]) => Promise.all(ids.map(async (id) => (await ctx.loaders.department.load(id))!));

/** The scope's departments, alphabetically. */
export async function scopeDepartments(ctx: Context, request: InsightsRequest) {
  return ctx.prisma.$queryRaw<Array<{ id: string; name: string; slug: string; timeZone: string }>>`
    SELECT d.* FROM "Department" d WHERE ${inScopeSql(request.scope, 'd."id"')} ORDER BY d."name" LIMIT ${LIST_MAXIMUM.departments}`;
}

// Several sections read the same sums: one query per request.
const talliesOfRequest = new WeakMap<InsightsRequest, Promise<DepartmentTally[]>>();

/** Each of the scope's departments, alphabetically, with its sums over the period. */
async function departmentFigures(ctx: Context, request: InsightsRequest) {
  let tallies = talliesOfRequest.get(request);
  if (!tallies) {
    tallies = departmentTallies(ctx.prisma, request, request.now, { departmentIds: request.scope.departmentIds });
    talliesOfRequest.set(request, tallies);
  }
  const [rows, owners] = await Promise.all([tallies, scopeDepartments(ctx, request)]);
  return owners.map((owner) => ({
    department: owner,
    tally: rows.find((row) => row.departmentId === owner.id)?.tally ?? emptyTally(),
  }));
}

export async function csatByWeek(ctx: Context, request: InsightsRequest) {
  const rows = (await departmentTallies(ctx.prisma, request, request.now, { departmentIds: request.scope.departmentIds, byWeek: true }))
    .filter((row) => row.tally.responses > 0)
    // The latest weeks are kept when there are more.
    .slice(-LIST_MAXIMUM.weeklyCsat);
  const owners = await departments(
    ctx,
    rows.map((row) => row.departmentId),
  );
  return rows.map((row, index) => ({
    department: owners[index]!,
    weekStart: row.weekStart!,
    responses: row.tally.responses,
    csat: csat(row.tally),
  }));
}

export async function expectationGap(ctx: Context, request: InsightsRequest) {
  return (await departmentFigures(ctx, request)).map(({ department, tally }) => ({
    department,
    responses: tally.responses,
    metOrExceededRate: expectationMetRate(tally),
    ...expectationCounts(tally),
    ...expectedAgainstActualHours(tally),
  }));
}

export async function perceptionGapByDepartment(ctx: Context, request: InsightsRequest) {
  return (await departmentFigures(ctx, request)).map(({ department, tally }) => ({ department, ...perceptionGap(tally) }));
}

export async function perceptionGapByStaff(ctx: Context, { scope, from, to }: InsightsRequest) {
  const rows = (await staffTallies(ctx.prisma, { from, to }, { departmentIds: scope.departmentIds }))
    .map((row) => ({ ...row, ...perceptionGap(row.tally) }))
    .filter((row) => row.predictions > 0)
    .sort((a, b) => Math.abs(b.gap!) - Math.abs(a.gap!) || b.predictions - a.predictions || a.staffId.localeCompare(b.staffId))
    .slice(0, LIST_MAXIMUM.staffMembers);
  const [owners, staff] = await Promise.all([
    departments(
      ctx,
      rows.map((row) => row.departmentId),
    ),
    Promise.all(rows.map((row) => ctx.loaders.user.load(row.staffId))),
  ]);
  return rows.map(({ predictions, averagePredicted, averageScore, gap }, index) => ({
    predictions,
    averagePredicted,
    averageScore,
    gap,
    department: owners[index]!,
    staff: staff[index]!,
  }));
}

export async function slaCompliance(ctx: Context, request: InsightsRequest) {
  return (await departmentFigures(ctx, request)).map(({ department, tally }) => ({
    department,
    firstResponseTickets: tally.firstResponseDecided,
    firstResponseMet: tally.firstResponseMet,
    firstResponseRate: firstResponseAttainment(tally),
    resolutionTickets: tally.resolutionDecided,
    resolutionMet: tally.resolutionMet,
    resolutionRate: resolutionAttainment(tally),
    averageFirstResponseHours: averageFirstResponseHours(tally),
    averageResolutionHours: averageResolutionHours(tally),
  }));
}

const BACKLOG_AGES = [BacklogAge.UNDER_1_DAY, BacklogAge.ONE_TO_3_DAYS, BacklogAge.THREE_TO_7_DAYS, BacklogAge.OVER_7_DAYS];

export async function backlogAging(ctx: Context, { scope, now }: InsightsRequest) {
  const rows = await ctx.prisma.$queryRaw<Array<{ age: BacklogAge; tickets: number }>>`
    SELECT CASE
             WHEN t."createdAt" > ${now}::timestamptz - interval '1 day' THEN 'UNDER_1_DAY'
             WHEN t."createdAt" > ${now}::timestamptz - interval '3 days' THEN 'ONE_TO_3_DAYS'
             WHEN t."createdAt" > ${now}::timestamptz - interval '7 days' THEN 'THREE_TO_7_DAYS'
             ELSE 'OVER_7_DAYS'
           END AS age,
           count(*)::int AS tickets
    FROM "Ticket" t
    WHERE t."status" = ANY(${[...UNRESOLVED_STATUSES]}::"TicketStatus"[]) AND ${inScopeSql(scope, 't."departmentId"')}
    GROUP BY 1`;
  // Every bucket is listed, empty ones too, in age order.
  return BACKLOG_AGES.map((age) => ({ age, tickets: rows.find((row) => row.age === age)?.tickets ?? 0 }));
}

export async function volumeByCategory(ctx: Context, { scope, from, to }: InsightsRequest) {
  const rows = await ctx.prisma.$queryRaw<Array<{ categoryId: string; tickets: number }>>`
    SELECT t."categoryId", count(*)::int AS tickets
    FROM "Ticket" t
    WHERE t."createdAt" >= ${from}::timestamptz AND t."createdAt" < ${to}::timestamptz AND ${inScopeSql(scope, 't."departmentId"')}
    GROUP BY 1
    ORDER BY 2 DESC, 1
    LIMIT ${LIST_MAXIMUM.categories}`;
  const categories = await Promise.all(rows.map((row) => ctx.loaders.category.load(row.categoryId)));
  return rows.map((row, index) => ({ category: categories[index]!, tickets: row.tickets }));
}

/**
 * Each person's load right now (not limited to the period): their unresolved tickets in the scope,
 * how many fall due before midnight in the ticket's department's time zone, and how many have
 * breached (sla.breach.ts, the one rule). Members of the scope's departments are listed with
 * nothing assigned too, so an idle colleague is visible; busiest first.
 */
export async function workload(ctx: Context, { scope, now }: InsightsRequest) {
  const rows = await ctx.prisma.$queryRaw<Array<{ userId: string; open: number; dueToday: number; breached: number }>>`
    WITH load AS (
      SELECT t."assigneeId" AS "userId",
        count(*)::int AS open,
        count(*) FILTER (WHERE ${pendingDueSql} >= ${now}::timestamptz
          AND ${pendingDueSql} < (date_trunc('day', ${now}::timestamptz AT TIME ZONE d."timeZone") + interval '1 day') AT TIME ZONE d."timeZone")::int AS "dueToday",
        count(*) FILTER (WHERE ${slaBreachedSql(now)})::int AS breached
      FROM "Ticket" t JOIN "Department" d ON d."id" = t."departmentId"
      WHERE t."assigneeId" IS NOT NULL AND t."status" = ANY(${[...UNRESOLVED_STATUSES]}::"TicketStatus"[]) AND ${inScopeSql(scope, 't."departmentId"')}
      GROUP BY 1
    ), people AS (
      SELECT "userId" FROM load
      UNION
      SELECT m."userId" FROM "DepartmentMembership" m WHERE ${inScopeSql(scope, 'm."departmentId"')}
    )
    SELECT u."id" AS "userId", COALESCE(l.open, 0) AS open, COALESCE(l."dueToday", 0) AS "dueToday", COALESCE(l.breached, 0) AS breached
    FROM people p JOIN "User" u ON u."id" = p."userId" LEFT JOIN load l ON l."userId" = u."id"
    WHERE u."role" <> 'STUDENT' AND (u."deactivatedAt" IS NULL OR l.open > 0)
    ORDER BY 2 DESC, 4 DESC, u."name", u."id"
    LIMIT ${LIST_MAXIMUM.staffMembers}`;
  const people = await ctx.loaders.user.loadMany(rows.map((row) => row.userId));
  return rows.map((row, index) => ({ staff: people[index] as UserRow, open: row.open, dueToday: row.dueToday, breached: row.breached }));
}

export const DEFAULT_MIN_RESPONSES = 5;

/** Staff see every department's place: the leaderboard is there to acknowledge the best. */
export async function leaderboard(
  ctx: Context,
  requestedRange: { from: Date; to: Date } | null | undefined,
  requestedMinimum: number | null | undefined,
) {
  enforce(canReadStaffPages(ctx.viewer));
  const minResponses = requestedMinimum ?? DEFAULT_MIN_RESPONSES;
  if (!Number.isInteger(minResponses) || minResponses < 1 || minResponses > 10_000)
    throw badInput('minResponses must be from 1 to 10000.', 'minResponses');
  const now = ctx.app.clock.now();
  const [owners, tallies] = await Promise.all([
    ctx.prisma.department.findMany({ orderBy: { name: 'asc' }, take: LIST_MAXIMUM.departments }),
    departmentTallies(ctx.prisma, resolveRange(requestedRange, now), now),
  ]);
  const figures = owners.map((department) => {
    const tally = tallies.find((row) => row.departmentId === department.id)?.tally ?? emptyTally();
    return { department, csat: csat(tally) ?? 0, responses: tally.responses };
  });
  // Best CSAT first, more ratings breaking ties; equal CSAT and ratings share a rank.
  const ranked = figures.filter((figure) => figure.responses >= minResponses).sort((a, b) => b.csat - a.csat || b.responses - a.responses);
  const entries = ranked.map((figure) => ({
    rank: ranked.findIndex((other) => other.csat === figure.csat && other.responses === figure.responses) + 1,
    ...figure,
  }));
  return {
    minResponses,
    entries,
    unranked: figures.filter((figure) => figure.responses < minResponses).map((figure) => figure.department),
  };
}
