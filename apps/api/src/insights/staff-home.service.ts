// A staff member's home page and the recognition feed: CSAT for me, my department and the school
// over the last 7 days and the 7 before (metrics.ts), and praise from students.
import { Prisma, type Rating as RatingRow } from '@studentdesk/db';
import { formatTicketNumber, UNRESOLVED_STATUSES } from '@studentdesk/domain';
import { departmentsOf, enforce, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { newestFirst, paginate, pageRequest, type PageArgs } from '../relay/pagination.js';
import type { CsatFigure, CsatTrend, Praise } from './insights.type.js';
import * as insightsPolicy from './insights.policy.js';
import { addTallies, csat, departmentTallies, staffTallies, type Tally } from './metrics.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';

const WEEK = 7 * 86_400_000;

const csatFigure = (tally: Tally): CsatFigure => ({ csat: csat(tally), responses: tally.responses });

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
  const thisWeek = { from: new Date(now.getTime() - WEEK), to: now };
  const lastWeek = { from: new Date(now.getTime() - 2 * WEEK), to: thisWeek.from };
  const [departmentsNow, departmentsBefore, mineNow, mineBefore, [{ openTickets }], praise] = await Promise.all([
    departmentTallies(ctx.prisma, thisWeek, now),
    departmentTallies(ctx.prisma, lastWeek, now),
    staffTallies(ctx.prisma, thisWeek, { staffId: user.id }),
    staffTallies(ctx.prisma, lastWeek, { staffId: user.id }),
    ctx.prisma.$queryRaw<[{ openTickets: number }]>`
      SELECT count(*)::int AS "openTickets" FROM "Ticket"
      WHERE "assigneeId" = ${user.id}::uuid AND "status" = ANY(${[...UNRESOLVED_STATUSES]}::"TicketStatus"[])`,
    praiseRows(ctx, Prisma.sql`r."staffId" = ${user.id}::uuid`, Prisma.sql`r."createdAt" DESC, r."id" DESC`, LIST_MAXIMUM.praiseOnHome),
  ]);
  const trend = (current: Array<{ departmentId: string; tally: Tally }>, before: typeof current): CsatTrend => ({
    thisWeek: csatFigure(addTallies(current.map((row) => row.tally))),
    lastWeek: csatFigure(addTallies(before.map((row) => row.tally))),
  });
  const own = new Set(departmentsOf(user));
  const ofDepartment = (rows: Array<{ departmentId: string; tally: Tally }>) => rows.filter((row) => own.has(row.departmentId));
  return {
    mine: trend(mineNow, mineBefore),
    department: own.size ? trend(ofDepartment(departmentsNow), ofDepartment(departmentsBefore)) : null,
    school: trend(departmentsNow, departmentsBefore),
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
