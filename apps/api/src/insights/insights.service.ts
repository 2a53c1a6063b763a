// The managers' dashboards. The figures come from metrics.ts, computed once per request for the
// scope's departments; the resolver runs only the sections a client asks for.
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
  const now = new Date();
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
