import { Field, ObjectType } from 'type-graphql';
import { Ticket } from './ticket.type.js';

@ObjectType({ description: 'The ticket a report created, and the secret to follow it.' })
export class ReportProblemPayload {
  @Field(() => Ticket, { description: 'The new ticket (or, for a retried submission, the one the first attempt created).' })
  ticket!: Ticket;

  @Field(() => String, { description: 'Secret code that lets the reporter follow the ticket without signing in.' })
  trackingCode!: string;
}
