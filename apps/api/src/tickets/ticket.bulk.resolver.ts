import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import * as bulk from './ticket.bulk.js';
import { BulkUpdateTicketsPayload, UndoBulkUpdatePayload } from './ticket.bulk.type.js';
import { BulkUpdateTicketsInput } from './ticket.inputs.js';

@Resolver()
export class TicketBulkResolver {
  @Mutation(() => BulkUpdateTicketsPayload, {
    description:
      'Staff: give many tickets one assignee, status or priority, all or none (every ticket must be one you work). Undo within 10 seconds with undoBulkUpdate.',
  })
  bulkUpdateTickets(
    @Arg('input', () => BulkUpdateTicketsInput, { description: 'The tickets and the change.' }) input: BulkUpdateTicketsInput,
    @Ctx() ctx: Context,
  ) {
    return bulk.bulkUpdateTickets(ctx, input);
  }

  @Mutation(() => UndoBulkUpdatePayload, {
    description:
      'Puts the tickets of your bulk update back as they were, as new changes; tickets someone changed since are skipped. Works once, within 10 seconds.',
  })
  undoBulkUpdate(
    @Arg('undoToken', () => String, { description: 'The undoToken the bulk update returned.' }) undoToken: string,
    @Ctx() ctx: Context,
  ) {
    return bulk.undoBulkUpdate(ctx, undoToken);
  }
}
