import { Field, ID, ObjectType } from 'type-graphql';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { Ticket } from './ticket.type.js';

@ObjectType({ description: 'The tickets a bulk update changed, and how to take the change back.' })
export class BulkUpdateTicketsPayload {
  @Field(() => [Ticket], { description: 'Every ticket asked for, as it now is.' })
  @MaxItems(LIST_MAXIMUM.bulkUpdateTickets)
  tickets!: Ticket[];

  @Field(() => String, { description: 'Pass to undoBulkUpdate, once, before undoExpiresAt, to put the tickets back.' })
  undoToken!: string;

  @Field(() => Date, { description: 'When the undo token stops working (10 seconds after the change).' })
  undoExpiresAt!: Date;
}

@ObjectType({ description: 'A ticket an undo left as it is, and why.' })
export class SkippedUndo {
  @Field(() => ID, { description: 'The ticket’s global ID.' })
  ticketId!: string;

  @Field(() => String, { description: 'The ticket’s number, e.g. SD-1042.' })
  number!: string;

  @Field(() => String, { description: 'Why it was not put back, in plain words.' })
  reason!: string;
}

@ObjectType({ description: 'What an undo of a bulk update put back, and what it left.' })
export class UndoBulkUpdatePayload {
  @Field(() => [Ticket], { description: 'Tickets back to the assignee, status and priority they had before.' })
  @MaxItems(LIST_MAXIMUM.bulkUpdateTickets)
  restored!: Ticket[];

  @Field(() => [SkippedUndo], { description: 'Tickets someone changed since (or you no longer work), left as they are.' })
  @MaxItems(LIST_MAXIMUM.bulkUpdateTickets)
  skipped!: SkippedUndo[];
}
