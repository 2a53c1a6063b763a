// A staff member's home page and the recognition feed: CSAT for me, my department and the school,
// and praise from students. Aggregated in SQL: one statement for all six CSAT figures.
import { Prisma, type Rating as RatingRow } from '@studentdesk/db';
import { enforce, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { newestFirst, paginate, pageRequest, type PageArgs } from '../relay/pagination.js';
import { formatTicketNumber } from '../tickets/ticket.number.js';
import type { CsatFigure, CsatTrend, Praise } from './insights.type.js';
import * as insightsPolicy from './insights.policy.js';
import { share } from './satisfaction.service.js';

const WEEK = 7 * 86_400_000;
export const PRAISE_ON_HOME = 10;

type Scope = 'mine' | 'department' | 'school';
type Period = 'thisWeek' | 'lastWeek';

interface CsatRow {
  scope: Scope;
  period: Period;
  responses: number;
  satisfied: number;
}

const csatFigure = (satisfied: number, responses: number): CsatFigure => ({ csat: share(satisfied, responses), responses });

function trend(rows: CsatRow[], scope: Scope): CsatTrend {
  const figure = (period: Period) => {
    const row = rows.find((candidate) => candidate.scope === scope && candidate.period === period);
    return csatFigure(row?.satisfied ?? 0, row?.responses ?? 0);
  };
  return { thisWeek: figure('thisWeek'), lastWeek: figure('lastWeek') };
}

type PraiseRow = Pick<RatingRow, 'id' | 'comment' | 'score' | 'createdAt' | 'staffId' | 'departmentId'> & { ticketNumber: number };

/** Ratings of 5 with a comment matching `condition` (on "Rating" r), in `order` (SQL, on r). */
function praiseRows(ctx: Context, condition: Prisma.Sql, order: Prisma.Sql, limit: number): Promise<PraiseRow[]> {
  return ctx.prisma.$queryRaw<PraiseRow[]>`
    SELECT r."id", r."comment", r."score", r."createdAt", r."staffId", r."departmentId", t."number" AS "ticketNumber"
    FROM "Rating" r JOIN "Ticket" t ON t."id" = r."ticketId"
    WHERE r."score" = 5 AND r."comment" IS NOT NULL AND r."comment" <> '' AND ${condition}
    ORDER BY ${order}
    LIMIT ${limit}`;
}

const PRAISE_ORDER = newestFirst<PraiseRow>('recognitionFeed');

async function toPraise(ctx: Context, row: PraiseRow): Promise<Praise & { id: string }> {
  const [staff, department] = await Promise.all([
    row.staffId ? ctx.loaders.user.load(row.staffId) : null,
    ctx.loaders.department.load(row.departmentId),
  ]);
  return {
    id: row.id,
    comment: row.comment!,
    score: row.score,
    createdAt: row.createdAt,
    ticketNumber: formatTicketNumber(row.ticketNumber),
    staff: staff as Praise['staff'],
    department: department!,
  };
}

export async function staffHome(ctx: Context, now: Date) {
  enforce(insightsPolicy.canReadStaffPages(ctx.viewer));
  const user = requireStaff(ctx.viewer);
  const weekAgo = new Date(now.getTime() - WEEK);
  const twoWeeksAgo = new Date(now.getTime() - 2 * WEEK);
  const csat = await ctx.prisma.$queryRaw<CsatRow[]>`
    SELECT s.scope,
           CASE WHEN r."createdAt" >= ${weekAgo}::timestamptz THEN 'thisWeek' ELSE 'lastWeek' END AS period,
           count(*)::int AS responses,
           count(*) FILTER (WHERE r."score" >= 4)::int AS satisfied
    FROM "Rating" r
    CROSS JOIN LATERAL (VALUES
      ('school', TRUE),
      ('department', r."departmentId" = ${user.departmentId}::uuid),
      ('mine', r."staffId" = ${user.id}::uuid)
    ) AS s(scope, included)
    WHERE r."createdAt" >= ${twoWeeksAgo}::timestamptz AND r."createdAt" < ${now}::timestamptz AND s.included
    GROUP BY 1, 2`;
  const [{ openTickets }] = await ctx.prisma.$queryRaw<[{ openTickets: number }]>`
    SELECT count(*)::int AS "openTickets" FROM "Ticket"
    WHERE "assigneeId" = ${user.id}::uuid AND "status" IN ('NEW', 'OPEN', 'WAITING_ON_STUDENT')`;
  const praise = await praiseRows(
    ctx,
    Prisma.sql`r."staffId" = ${user.id}::uuid`,
    Prisma.sql`r."createdAt" DESC, r."id" DESC`,
    PRAISE_ON_HOME,
  );
  return {
    mine: trend(csat, 'mine'),
    department: user.departmentId ? trend(csat, 'department') : null,
    school: trend(csat, 'school'),
    openTickets,
    praise: await Promise.all(praise.map((row) => toPraise(ctx, row))),
  };
}

/** Praise from students across the school, newest first: every staff member sees the recognition. */
export async function recognitionFeed(ctx: Context, page: PageArgs) {
  enforce(insightsPolicy.canReadStaffPages(ctx.viewer));
  return paginate(
    pageRequest(page, PRAISE_ORDER),
    (window) => praiseRows(ctx, window.sqlWhere('r'), window.sqlOrderBy('r'), window.limit),
    (row) => toPraise(ctx, row),
  );
}
