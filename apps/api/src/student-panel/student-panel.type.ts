import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Ticket } from '../tickets/ticket.type.js';
import { User } from '../users/user.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

@ObjectType({ description: 'Who reported a ticket and their history with the desk, so staff greet them by name and know the story.' })
export class StudentPanel {
  @Field(() => String, { description: 'The name to greet them by.' })
  name!: string;

  @Field(() => String, { description: 'Their first name.' })
  firstName!: string;

  @Field(() => String, { description: 'Where updates reach them.' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Their student number, if known.' })
  studentNumber!: string | null;

  @Field(() => User, { nullable: true, description: 'Their account; null when they reported without signing in.' })
  account!: User | null;

  @Field(() => Int, { description: 'Tickets they reported that you may see (by account or email), this one included.' })
  ticketCount!: number;

  @Field(() => Int, { description: 'Of those, how many are not resolved yet.' })
  openTicketCount!: number;

  @Field(() => Int, { description: 'How many of those tickets they rated.' })
  ratingCount!: number;

  @Field(() => Float, { nullable: true, description: 'Their mean rating, 1 to 5; null if they never rated.' })
  averageScore!: number | null;

  @Field(() => [Ticket], {
    description: `Their most recent tickets you may see (at most ${LIST_MAXIMUM.studentPanelTickets}), newest first, each with its rating.`,
  })
  @MaxItems(LIST_MAXIMUM.studentPanelTickets)
  tickets!: Ticket[];
}
