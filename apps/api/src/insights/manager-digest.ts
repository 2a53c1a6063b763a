// The weekly email to each manager: once their department's desk opens after a week (Monday 00:00
// UTC to the next, the weeks of the metrics), that week's numbers by the one definition of each
// (metrics.ts), sent once per manager, department and week across every API process: the
// ManagerDigest row is written with the email, and its key refuses a second.
import { addBusinessMinutes, type PrismaClient } from '@studentdesk/db';
import { UNRESOLVED_STATUSES } from '@studentdesk/domain';
import { managerWeeklyEmail, type WeeklyFigures } from '../notifications/email.templates.js';
import { slaBreachedSql } from '../sla/sla.breach.js';
import { departmentCalendar } from '../sla/sla.calendar.js';
import {
  csat,
  departmentTallies,
  emptyTally,
  expectationMetRate,
  firstResponseAttainment,
  perceptionGap,
  resolutionAttainment,
} from './metrics.js';

const WEEK = 7 * 86_400_000;

/** The last whole metrics week before `now`: from Monday 00:00 UTC to the next Monday. */
export function lastWholeWeek(now: Date): { from: Date; to: Date } {
  const daysSinceMonday = (now.getUTCDay() + 6) % 7;
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysSinceMonday));
  return { from: new Date(to.getTime() - WEEK), to };
}

/** Writes the digests due at `now`; returns how many. Managers appointed after the week get the next one. */
export async function sendManagerDigests(prisma: PrismaClient, publicUrl: string, now: Date): Promise<number> {
  const week = lastWholeWeek(now);
  const [memberships, sent] = await Promise.all([
    prisma.departmentMembership.findMany({
      where: {
        role: 'MANAGER',
        createdAt: { lt: week.to },
        user: { deactivatedAt: null, erasedAt: null },
        department: { archivedAt: null },
      },
      include: { user: true, department: true },
    }),
    prisma.managerDigest.findMany({ where: { weekStart: week.from }, select: { userId: true, departmentId: true } }),
  ]);
  const pending = memberships.filter(
    (membership) => !sent.some((digest) => digest.userId === membership.userId && digest.departmentId === membership.departmentId),
  );
  const departments = [...new Map(pending.map((membership) => [membership.departmentId, membership.department])).values()];
  const open: typeof departments = [];
  for (const department of departments) {
    // Read when the desk opens after the week, not on a Sunday evening in a time zone behind UTC.
    const opensAt = addBusinessMinutes(week.to, 0, await departmentCalendar(prisma, department, week.to));
    if (now >= opensAt) open.push(department);
  }
  if (open.length === 0) return 0;
  const figures = await weeklyFigures(
    prisma,
    open.map((department) => department.id),
    week,
    now,
  );

  let written = 0;
  for (const membership of pending.filter((row) => open.includes(row.department))) {
    const email = managerWeeklyEmail(publicUrl, membership.user, membership.department, week, figures.get(membership.departmentId)!);
    written += await prisma.$transaction(async (tx) => {
      const { count } = await tx.managerDigest.createMany({
        data: [{ userId: membership.userId, departmentId: membership.departmentId, weekStart: week.from, sentAt: now }],
        skipDuplicates: true,
      });
      if (count === 0) return 0;
      await tx.emailMessage.create({
        data: { kind: email.kind, toAddress: membership.user.email, subject: email.subject, text: email.text },
      });
      return 1;
    });
  }
  return written;
}

/** Each department's week, in three statements whatever the number of departments. */
async function weeklyFigures(prisma: PrismaClient, departmentIds: string[], week: { from: Date; to: Date }, now: Date) {
  const [tallies, reported, backlog] = await Promise.all([
    departmentTallies(prisma, week, now, { departmentIds }),
    prisma.ticket.groupBy({
      by: ['departmentId'],
      where: { departmentId: { in: departmentIds }, createdAt: { gte: week.from, lt: week.to } },
      _count: true,
    }),
    prisma.$queryRaw<Array<{ departmentId: string; open: number; breached: number }>>`
      SELECT t."departmentId", count(*)::int AS open, count(*) FILTER (WHERE ${slaBreachedSql(now)})::int AS breached
      FROM "Ticket" t
      WHERE t."departmentId" = ANY(${departmentIds}::uuid[]) AND t."status" = ANY(${[...UNRESOLVED_STATUSES]}::"TicketStatus"[])
      GROUP BY 1`,
  ]);
  return new Map(
    departmentIds.map((id): [string, WeeklyFigures] => {
      const tally = tallies.find((row) => row.departmentId === id)?.tally ?? emptyTally();
      const current = backlog.find((row) => row.departmentId === id);
      return [
        id,
        {
          reported: reported.find((row) => row.departmentId === id)?._count ?? 0,
          csat: csat(tally),
          ratings: tally.responses,
          expectationMet: expectationMetRate(tally),
          perceptionGap: perceptionGap(tally).gap,
          firstResponseAttainment: firstResponseAttainment(tally),
          resolutionAttainment: resolutionAttainment(tally),
          openNow: current?.open ?? 0,
          breachedNow: current?.breached ?? 0,
        },
      ];
    }),
  );
}
