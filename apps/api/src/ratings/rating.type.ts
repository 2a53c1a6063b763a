import { ExpectationOutcome } from '@studentdesk/db';
import { IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import { Node } from '../relay/relay.types.js';

describeEnum(ExpectationOutcome, 'ExpectationOutcome', 'How the outcome compared with what the student expected when reporting.', {
  BELOW: 'Worse or later than expected.',
  MET: 'As expected.',
  EXCEEDED: 'Better or sooner than expected.',
});

@ObjectType({ implements: Node, description: "The student's verdict on a resolved ticket." })
export class Rating extends Node {
  @Field(() => Int, { description: '1 (very dissatisfied) to 5 (very satisfied).' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'What the student wrote, if anything.' })
  comment!: string | null;

  @Field(() => ExpectationOutcome, { description: 'Whether the outcome met what the student expected.' })
  expectation!: ExpectationOutcome;

  @Field(() => Date, { description: 'When the student rated.' })
  createdAt!: Date;
}

@InputType({ description: 'A rating of a resolved ticket.' })
export class RateTicketInput {
  @Field(() => ID, { description: 'The resolved or closed ticket.' })
  ticketId!: string;

  @Field(() => Int, { description: '1 (very dissatisfied) to 5 (very satisfied).' })
  @IsInt()
  @Min(1, { message: 'score must be from 1 to 5' })
  @Max(5, { message: 'score must be from 1 to 5' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'Anything the student wants to tell the desk, up to 2,000 characters.' })
  @IsOptional()
  @MaxLength(2000)
  comment?: string | null;

  @Field(() => ExpectationOutcome, { description: 'Did the outcome meet what the student expected?' })
  expectation!: ExpectationOutcome;

  @Field(() => String, { nullable: true, description: 'Lets a reporter who did not sign in rate the ticket.' })
  @IsOptional()
  @MaxLength(200)
  trackingCode?: string | null;
}
