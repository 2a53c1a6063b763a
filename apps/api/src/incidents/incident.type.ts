import { IncidentStatus } from '@studentdesk/db';
import { ArrayMaxSize, IsEmail, IsInt, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import { ConnectionOf, Node } from '../relay/relay.types.js';

describeEnum(IncidentStatus, 'IncidentStatus', 'How far the desk is with a known issue.', {
  INVESTIGATING: 'We know something is wrong and are finding out what.',
  IDENTIFIED: 'We know the cause and are fixing it.',
  MONITORING: 'A fix is in place; we are watching that it holds.',
  RESOLVED: 'Over. Linked tickets were resolved with it.',
});

@ObjectType({
  implements: Node,
  description: 'A known issue affecting many students, shown on the portal; its tickets are updated and resolved together.',
})
export class Incident extends Node {
  @Field(() => String, { description: 'Short name students recognise, e.g. "LMS sign-in failing".' })
  title!: string;

  @Field(() => String, { description: 'What is happening and what students can do meanwhile.' })
  summary!: string;

  @Field(() => IncidentStatus, { description: 'How far the desk is with it.' })
  status!: IncidentStatus;

  @Field(() => Date, { description: 'When the problem started (or was first reported).' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was resolved.' })
  resolvedAt!: Date | null;
}

@ObjectType({ description: 'One update on an incident, posted to every linked ticket.' })
export class IncidentUpdate {
  @Field(() => String, { description: 'The update, as posted.' })
  body!: string;

  @Field(() => Date, { description: 'When it was posted.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of incidents, newest first.' })
export class IncidentConnection extends ConnectionOf(Incident, 'Incident', 'incident', 'incidents') {}

@InputType({ description: 'A new incident, and the tickets it explains.' })
export class CreateIncidentInput {
  @Field(() => String, { description: 'Short name students recognise, up to 200 characters.' })
  @Length(1, 200)
  title!: string;

  @Field(() => String, { description: 'What is happening and what students can do meanwhile.' })
  @Length(1, 5000)
  summary!: string;

  @Field(() => ID, { nullable: true, description: 'The category it affects; portal reports in it see the incident.' })
  categoryId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The department that owns it; yours by default.' })
  departmentId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Tickets caused by it (at most 500).' })
  @IsOptional()
  @ArrayMaxSize(500)
  ticketIds?: string[] | null;
}

@InputType({ description: 'An update to post on an incident and every unresolved linked ticket.' })
export class PostIncidentUpdateInput {
  @Field(() => ID, { description: 'The incident.' })
  incidentId!: string;

  @Field(() => String, { description: 'What changed, in words students understand; posted on every linked ticket.' })
  @Length(1, 5000)
  body!: string;

  @Field(() => IncidentStatus, { nullable: true, description: 'A new status (not RESOLVED: use resolveIncident).' })
  status?: IncidentStatus | null;
}

@InputType({ description: 'Ends an incident and resolves every unresolved linked ticket with one message.' })
export class ResolveIncidentInput {
  @Field(() => ID, { description: 'The incident.' })
  incidentId!: string;

  @Field(() => String, { description: 'What was done; posted as the resolution of every linked ticket.' })
  @Length(1, 5000)
  resolution!: string;

  @Field(() => Int, { nullable: true, description: 'Predicted rating for the linked tickets, 1 to 5.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  predictedScore?: number | null;
}

@InputType({ description: 'Hear when an incident is resolved, and say whether it affects you ("me too").' })
export class FollowIncidentInput {
  @Field(() => ID, { description: 'The incident, not yet resolved.' })
  incidentId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where to send the email. Required without signing in; a signed-in person is emailed at their account’s address.',
  })
  @IsOptional()
  @IsEmail({}, { message: 'Enter an email address such as name@school.edu.' })
  email?: string | null;

  @Field(() => Boolean, { description: 'True for "me too": it affects you, and counts on the incident. False: only tell me when it ends.' })
  affected!: boolean;
}
