import type { Ticket as TicketRow } from '@studentdesk/db';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { transferTicket } from './ticket.transfer.js';
import { TransferTicketInput } from './ticket.transfer.type.js';
import { Ticket } from './ticket.type.js';

@Resolver()
export class TicketTransferResolver {
  @Mutation(() => Ticket, {
    description:
      'Staff working the ticket: move it to a category of another department, with an internal note for the receiving team (a DEPARTMENT_CHANGED history entry). An assignee who does not work there is unassigned; the due times stay.',
  })
  transferTicket(
    @Arg('input', () => TransferTicketInput, { description: 'The ticket, its new category and the note.' }) input: TransferTicketInput,
    @Ctx() ctx: Context,
  ): Promise<TicketRow> {
    return transferTicket(ctx, input);
  }
}
