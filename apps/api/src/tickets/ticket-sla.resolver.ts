import type { Ticket as TicketRow } from '@studentdesk/db';
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Ticket } from './ticket.type.js';
import { isSlaBreached } from '../sla/sla.breach.js';

@Resolver(() => Ticket)
export class TicketSlaResolver {
  @FieldResolver(() => Boolean, { description: 'True when a due time passed unmet: a late (or missing) first answer or resolution.' })
  slaBreached(@Root() ticket: TicketRow): boolean {
    return isSlaBreached(ticket, new Date());
  }
}
