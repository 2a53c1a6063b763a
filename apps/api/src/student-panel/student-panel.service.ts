// The student panel beside every ticket: the reporter's identity and their history. A student is
// recognised by account or by email (guests have no account); staff see only the tickets they may
// see anyway (visibleTicketsSql), so the panel never widens what a department can read.
import { Prisma, type Ticket as TicketRow } from '@studentdesk/db';
import { UNRESOLVED_STATUSES } from '@studentdesk/domain';
import type { Context } from '../context.js';
import { firstName } from '../canned-responses/placeholders.js';
import { averageScore, ticketRatingTally } from '../insights/metrics.js';
import { visibleTicketsSql } from '../tickets/ticket.policy.js';
import { loadTicketAsStaff } from '../tickets/ticket.service.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';

export async function studentPanel(ctx: Context, ticketGlobalId: string) {
  const { ticket } = await loadTicketAsStaff(ctx, ticketGlobalId);
  const account = ticket.requesterId ? await ctx.loaders.user.load(ticket.requesterId) : null;
  const sameStudent = account
    ? Prisma.sql`(t."requesterId" = ${account.id}::uuid OR t."contactEmail" = ${ticket.contactEmail})`
    : Prisma.sql`t."contactEmail" = ${ticket.contactEmail}`;
  const where = Prisma.sql`${visibleTicketsSql(ctx.viewer)} AND ${sameStudent}`;

  const [[{ ticketCount, openTicketCount }], ratings] = await Promise.all([
    ctx.prisma.$queryRaw<[{ ticketCount: number; openTicketCount: number }]>`
      SELECT count(t."id")::int AS "ticketCount",
             count(t."id") FILTER (WHERE t."status" = ANY(${[...UNRESOLVED_STATUSES]}::"TicketStatus"[]))::int AS "openTicketCount"
      FROM "Ticket" t
      WHERE ${where}`,
    ticketRatingTally(ctx.prisma, where),
  ]);
  const tickets = await ctx.prisma.$queryRaw<TicketRow[]>`
    SELECT t.* FROM "Ticket" t WHERE ${where} ORDER BY t."createdAt" DESC, t."id" DESC LIMIT ${LIST_MAXIMUM.studentPanelTickets}`;
  for (const row of tickets) ctx.loaders.ticket.prime(row.id, row);

  const name = ticket.contactName;
  return {
    name,
    firstName: firstName(name),
    email: ticket.contactEmail,
    studentNumber: ticket.studentNumber ?? account?.studentNumber ?? null,
    account,
    ticketCount,
    openTicketCount,
    ratingCount: ratings.responses,
    averageScore: averageScore(ratings),
    tickets,
  };
}
