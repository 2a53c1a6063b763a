import { Priority, TicketChannel, TicketStatus } from './ticket.enums.js';
import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionOf, Node } from '../relay/relay.types.js';

@ObjectType({ implements: Node, description: 'A problem a student reported, and everything that happened to it.' })
export class Ticket extends Node {
  @Field(() => String, { description: 'Short summary in the reporter’s words.' })
  title!: string;

  @Field(() => String, { description: 'The problem as the reporter described it.' })
  description!: string;

  @Field(() => TicketStatus, { description: 'Where the ticket is in its life.' })
  status!: TicketStatus;

  @Field(() => Priority, { description: 'How urgent it is; decides the SLA targets.' })
  priority!: Priority;

  @Field(() => TicketChannel, { description: 'How the ticket reached the desk.' })
  channel!: TicketChannel;

  @Field(() => String, { description: 'Name to greet the reporter with.' })
  contactName!: string;

  @Field(() => String, { description: 'Where updates about this ticket are emailed.' })
  contactEmail!: string;

  @Field(() => String, { nullable: true, description: 'Student number the reporter gave, if any.' })
  studentNumber!: string | null;

  @Field(() => Date, { description: 'When it was reported.' })
  createdAt!: Date;

  @Field(() => Date, { description: 'When anything about it last changed.' })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When staff first answered the reporter publicly.' })
  firstRespondedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was last resolved; null while unresolved or after a reopen.' })
  resolvedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was closed for good.' })
  closedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "Due time for the first public answer, from the department's SLA policy." })
  firstResponseDueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "Due time for the resolution, from the department's SLA policy." })
  resolutionDueAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'How soon the student said they expected a resolution, in hours.' })
  expectedResolutionHours!: number | null;

  @Field(() => String, { nullable: true, description: 'What a good outcome looks like, in the student’s words.' })
  desiredOutcome!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The language the reporter read the desk in when reporting (a BCP 47 tag: en, es, fr, ar, zh-Hans), so staff can answer in it; null when not known.',
  })
  language!: string | null;
}

@ObjectType({ description: 'A page of tickets.' })
export class TicketConnection extends ConnectionOf(Ticket, 'Ticket', 'ticket', 'tickets') {
  /** Counted only when asked for. */
  count!: () => Promise<number>;
}

@ObjectType({ description: 'One entry of the ticket’s audit history.' })
export class TicketEvent {
  @Field(() => String, {
    description:
      'What happened: CREATED, STATUS_CHANGED, ASSIGNED, PRIORITY_CHANGED, CATEGORY_CHANGED, DEPARTMENT_CHANGED, REPLIED, NOTE_ADDED, RESOLVED, REOPENED, RATED, INCIDENT_LINKED, SLA_BREACHED, MERGED (a duplicate merged into the ticket that stays; on both tickets), TAGS_CHANGED, MACRO_APPLIED, LINKED or UNLINKED.',
  })
  type!: string;

  @Field(() => TicketStatus, { nullable: true, description: 'Status before the change, for status changes.' })
  fromStatus!: TicketStatus | null;

  @Field(() => TicketStatus, { nullable: true, description: 'Status after the change, for status changes.' })
  toStatus!: TicketStatus | null;

  @Field(() => Date, { description: 'When it happened.' })
  createdAt!: Date;
}
