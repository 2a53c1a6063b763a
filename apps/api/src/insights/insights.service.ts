// The managers' dashboards. Each section is one aggregate SQL statement over the scope's
// departments; the resolver runs only the sections a client asks for.
import { Prisma } from '@studentdesk/db';
import { enforce } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { canReadStaffPages, inScopeSql, type InsightScope } from './insights.policy.js';
import { BacklogAge } from './insights.type.js';
import { resolveRange, share } from './satisfaction.service.js';

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
    SELECT d.* FROM "Department" d WHERE ${inScopeSql(request.scope, 'd."id"')} ORDER BY d."name"`;
}

export async function csatByWeek(ctx: Context, { scope, from, to }: InsightsRequest) {
  const rows = await ctx.prisma.$queryRaw<Array<{ departmentId: string; weekStart: Date; responses: number; satisfied: number }>>`
    SELECT r."departmentId",
           date_trunc('week', r."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS "weekStart",
           count(*)::int AS responses,
           count(*) FILTER (WHERE r."score" >= 4)::int AS satisfied
    FROM "Rating" r
    WHERE r."createdAt" >= ${from}::timestamptz AND r."createdAt" < ${to}::timestamptz AND ${inScopeSql(scope, 'r."departmentId"')}
    GROUP BY 1, 2
    ORDER BY 2, 1`;
  const owners = await departments(
    ctx,
    rows.map((row) => row.departmentId),
  );
  return rows.map((row, index) => ({
    department: owners[index]!,
    weekStart: row.weekStart,
    responses: row.responses,
    csat: share(row.satisfied, row.responses),
  }));
}

export async function expectationGap(ctx: Context, { scope, from, to }: InsightsRequest) {
  const rows = await ctx.prisma.$queryRaw<
    Array<{
      departmentId: string;
      responses: number;
      below: number;
      met: number;
      exceeded: number;
      ticketsWithExpectation: number;
      expectedResolutionHours: number | null;
      actualResolutionHours: number | null;
    }>
  >`
    WITH rated AS (
      SELECT "departmentId",
             count(*)::int AS responses,
             count(*) FILTER (WHERE "expectation" = 'BELOW')::int AS below,
             count(*) FILTER (WHERE "expectation" = 'MET')::int AS met,
             count(*) FILTER (WHERE "expectation" = 'EXCEEDED')::int AS exceeded
      FROM "Rating"
      WHERE "createdAt" >= ${from}::timestamptz AND "createdAt" < ${to}::timestamptz
      GROUP BY 1
    ), timed AS (
      SELECT "departmentId",
             count(*)::int AS "ticketsWithExpectation",
             avg("expectedResolutionHours")::float8 AS "expectedResolutionHours",
             avg(extract(epoch FROM "resolvedAt" - "createdAt") / 3600)::float8 AS "actualResolutionHours"
      FROM "Ticket"
      WHERE "resolvedAt" >= ${from}::timestamptz AND "resolvedAt" < ${to}::timestamptz AND "expectedResolutionHours" IS NOT NULL
      GROUP BY 1
    )
    SELECT d."id" AS "departmentId",
           COALESCE(rated.responses, 0) AS responses,
           COALESCE(rated.below, 0) AS below,
           COALESCE(rated.met, 0) AS met,
           COALESCE(rated.exceeded, 0) AS exceeded,
           COALESCE(timed."ticketsWithExpectation", 0) AS "ticketsWithExpectation",
           timed."expectedResolutionHours",
           timed."actualResolutionHours"
    FROM "Department" d
    LEFT JOIN rated ON rated."departmentId" = d."id"
    LEFT JOIN timed ON timed."departmentId" = d."id"
    WHERE ${inScopeSql(scope, 'd."id"')}
    ORDER BY d."name"`;
  const owners = await departments(
    ctx,
    rows.map((row) => row.departmentId),
  );
  return rows.map(({ departmentId: _id, ...row }, index) => ({
    ...row,
    department: owners[index]!,
    metOrExceededRate: share(row.met + row.exceeded, row.responses),
  }));
}

interface PerceptionRow {
  departmentId: string;
  predictions: number;
  averagePredicted: number | null;
  averageScore: number | null;
  gap: number | null;
}

const PERCEPTION_COLUMNS = Prisma.sql`
  count(r."id")::int AS predictions,
  avg(r."predictedScore")::float8 AS "averagePredicted",
  avg(r."score")::float8 AS "averageScore",
  avg((r."predictedScore" - r."score")::float8) AS gap`;

export async function perceptionGapByDepartment(ctx: Context, { scope, from, to }: InsightsRequest) {
  const rows = await ctx.prisma.$queryRaw<PerceptionRow[]>`
    SELECT d."id" AS "departmentId", ${PERCEPTION_COLUMNS}
    FROM "Department" d
    LEFT JOIN "Rating" r ON r."departmentId" = d."id" AND r."predictedScore" IS NOT NULL
      AND r."createdAt" >= ${from}::timestamptz AND r."createdAt" < ${to}::timestamptz
    WHERE ${inScopeSql(scope, 'd."id"')}
    GROUP BY d."id", d."name"
    ORDER BY d."name"`;
  const owners = await departments(
    ctx,
    rows.map((row) => row.departmentId),
  );
  return rows.map(({ departmentId: _id, ...row }, index) => ({ ...row, department: owners[index]! }));
}

export async function perceptionGapByStaff(ctx: Context, { scope, from, to }: InsightsRequest) {
  const rows = await ctx.prisma.$queryRaw<Array<PerceptionRow & { staffId: string }>>`
    SELECT r."staffId", r."departmentId", ${PERCEPTION_COLUMNS}
    FROM "Rating" r
    WHERE r."predictedScore" IS NOT NULL AND r."staffId" IS NOT NULL
      AND r."createdAt" >= ${from}::timestamptz AND r."createdAt" < ${to}::timestamptz
      AND ${inScopeSql(scope, 'r."departmentId"')}
    GROUP BY r."staffId", r."departmentId"
    ORDER BY abs(avg((r."predictedScore" - r."score")::float8)) DESC, count(r."id") DESC, r."staffId"`;
  const [owners, staff] = await Promise.all([
    departments(
      ctx,
      rows.map((row) => row.departmentId),
    ),
    Promise.all(rows.map((row) => ctx.loaders.user.load(row.staffId))),
  ]);
  return rows.map(({ departmentId: _department, staffId: _staff, ...row }, index) => ({
    ...row,
    department: owners[index]!,
    staff: staff[index]!,
  }));
}

export async function slaCompliance(ctx: Context, { scope, from, to, now }: InsightsRequest) {
  const rows = await ctx.prisma.$queryRaw<
    Array<{
      departmentId: string;
      firstResponseTickets: number;
      firstResponseMet: number;
      resolutionTickets: number;
      resolutionMet: number;
    }>
  >`
    SELECT d."id" AS "departmentId",
           count(t."id") FILTER (WHERE t."firstResponseDueAt" IS NOT NULL
             AND (t."firstRespondedAt" IS NOT NULL OR t."firstResponseDueAt" < ${now}::timestamptz))::int AS "firstResponseTickets",
           count(t."id") FILTER (WHERE t."firstRespondedAt" <= t."firstResponseDueAt")::int AS "firstResponseMet",
           count(t."id") FILTER (WHERE t."resolutionDueAt" IS NOT NULL
             AND (t."resolvedAt" IS NOT NULL OR t."resolutionDueAt" < ${now}::timestamptz))::int AS "resolutionTickets",
           count(t."id") FILTER (WHERE t."resolvedAt" <= t."resolutionDueAt")::int AS "resolutionMet"
    FROM "Department" d
    LEFT JOIN "Ticket" t ON t."departmentId" = d."id" AND t."createdAt" >= ${from}::timestamptz AND t."createdAt" < ${to}::timestamptz
    WHERE ${inScopeSql(scope, 'd."id"')}
    GROUP BY d."id", d."name"
    ORDER BY d."name"`;
  const owners = await departments(
    ctx,
    rows.map((row) => row.departmentId),
  );
  return rows.map(({ departmentId: _id, ...row }, index) => ({
    ...row,
    department: owners[index]!,
    firstResponseRate: share(row.firstResponseMet, row.firstResponseTickets),
    resolutionRate: share(row.resolutionMet, row.resolutionTickets),
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
    WHERE t."status" IN ('NEW', 'OPEN', 'WAITING_ON_STUDENT') AND ${inScopeSql(scope, 't."departmentId"')}
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
    ORDER BY 2 DESC, 1`;
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
  const range = resolveRange(requestedRange, new Date());
  const rows = await ctx.prisma.$queryRaw<Array<{ departmentId: string; responses: number; csat: number | null; rank: number | null }>>`
    WITH per AS (
      SELECT d."id", d."name",
             count(r."id")::int AS responses,
             (count(r."id") FILTER (WHERE r."score" >= 4))::float8 / NULLIF(count(r."id"), 0) AS csat
      FROM "Department" d
      LEFT JOIN "Rating" r ON r."departmentId" = d."id" AND r."createdAt" >= ${range.from}::timestamptz AND r."createdAt" < ${range.to}::timestamptz
      GROUP BY d."id", d."name"
    )
    SELECT "id" AS "departmentId", responses, csat,
           CASE WHEN responses >= ${minResponses}
             THEN (rank() OVER (PARTITION BY responses >= ${minResponses} ORDER BY csat DESC, responses DESC))::int
           END AS rank
    FROM per
    ORDER BY rank NULLS LAST, "name"`;
  const owners = await departments(
    ctx,
    rows.map((row) => row.departmentId),
  );
  const ranked = rows.flatMap((row, index) =>
    row.rank === null ? [] : [{ rank: row.rank, department: owners[index]!, csat: row.csat ?? 0, responses: row.responses }],
  );
  return { minResponses, entries: ranked, unranked: owners.filter((_owner, index) => rows[index]!.rank === null) };
}
