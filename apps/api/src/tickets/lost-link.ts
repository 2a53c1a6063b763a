// "Lost my link" (osTicket's pattern): a reporter who cannot sign in and lost the tracking link
// gives the ticket's number and the email address they reported with, and a fresh link goes to
// that address. The answer never shows the ticket and is the same whether or not the pair matches,
// so nobody learns which numbers or addresses exist; requests are capped per caller address, and
// emails per recipient (limits/emailed-requests.ts).
import { parseTicketNumber } from '@studentdesk/domain';
import type { Context } from '../context.js';
import { emailLostLink } from './ticket.notifications.js';

/** Always true; writes the email to the outbox when `email` is the contact address of the ticket numbered `ticketNumber` (SD-123). */
export async function requestTicketLink(ctx: Context, email: string, ticketNumber: string): Promise<true> {
  const limits = ctx.app.limits.ticketLinks;
  await limits.request(ctx.clientAddress);
  const address = email.trim().toLowerCase();
  const number = parseTicketNumber(ticketNumber);
  if (!address || number === null || !(await limits.mayEmail(address))) return true;
  await ctx.prisma.$transaction(async (tx) => {
    const ticket = await tx.ticket.findFirst({ where: { number, contactEmail: { equals: address, mode: 'insensitive' } } });
    if (ticket) await emailLostLink(tx, ctx.app.config.publicUrl, ticket);
  });
  return true;
}
