import type { Ticket as TicketRow } from '@studentdesk/db';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Ticket } from './ticket.type.js';
import { isSlaBreached } from '../sla/sla.breach.js';

@Resolver(() => Ticket)
export class TicketSlaResolver {
  @FieldResolver(() => Boolean, {
    description:
      'True when a due time passed unmet: a late (or missing) first answer or resolution. The resolution clock stands still while waiting on the student.',
  })
  slaBreached(@Root() ticket: TicketRow, @Ctx() ctx: Context): boolean {
    return isSlaBreached(ticket, ctx.app.clock.now());
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      'While waiting on the student: when the wait began. The resolution clock stands still until the student answers; resolutionDueAt then moves out by the business time waited.',
  })
  slaPausedAt(@Root() ticket: TicketRow): Date | null {
    return ticket.slaPausedAt;
  }
}
