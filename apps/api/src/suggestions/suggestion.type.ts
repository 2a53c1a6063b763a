import { SuggestionStatus } from '@studentdesk/db';
import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import { ConnectionOf, Node } from '../relay/relay.types.js';

describeEnum(SuggestionStatus, 'SuggestionStatus', 'Where an improvement suggestion stands.', {
  OPEN: 'Raised; staff vote and comment until a manager decides.',
  ACCEPTED: 'A manager decided to make the change.',
  DECLINED: 'A manager decided against it, and said why.',
});

export enum SuggestionDecision {
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}

describeEnum(SuggestionDecision, 'SuggestionDecision', "A manager's decision on a suggestion.", {
  ACCEPTED: 'We will make the change.',
  DECLINED: 'We will not; the reason is required.',
});

@ObjectType({
  implements: Node,
  description: 'Voice of staff: an improvement idea tied to a category, voted on by staff and decided by a manager.',
})
export class Suggestion extends Node {
  @Field(() => String, { description: 'The idea in a line.' })
  title!: string;

  @Field(() => String, { description: 'What to change and why.' })
  body!: string;

  @Field(() => SuggestionStatus, { description: 'Open, accepted or declined.' })
  status!: SuggestionStatus;

  @Field(() => String, { nullable: true, description: "The manager's reason for the decision (always given when declined)." })
  decisionReason!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the decision was recorded.' })
  decidedAt!: Date | null;

  @Field(() => Date, { description: 'When it was raised.' })
  createdAt!: Date;
}

@ObjectType({ implements: Node, description: 'A staff member’s comment on a suggestion.' })
export class SuggestionComment extends Node {
  @Field(() => String, { description: 'The comment.' })
  body!: string;

  @Field(() => Date, { description: 'When it was written.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of suggestions, newest first.' })
export class SuggestionConnection extends ConnectionOf(Suggestion, 'Suggestion', 'suggestion', 'suggestions') {}

@InputType({ description: 'A new improvement suggestion.' })
export class RaiseSuggestionInput {
  @Field(() => String, { description: 'The idea in a line, up to 200 characters.' })
  @Length(1, 200)
  title!: string;

  @Field(() => String, { description: 'What to change and why, up to 5000 characters.' })
  @Length(1, 5000)
  body!: string;

  @Field(() => ID, { description: 'The category of problems it would improve.' })
  categoryId!: string;
}

@InputType({ description: 'A comment on a suggestion.' })
export class CommentOnSuggestionInput {
  @Field(() => ID, { description: 'The suggestion.' })
  suggestionId!: string;

  @Field(() => String, { description: 'The comment, up to 2000 characters.' })
  @Length(1, 2000)
  body!: string;
}

@InputType({ description: "A manager's decision on an open suggestion." })
export class DecideSuggestionInput {
  @Field(() => ID, { description: 'The suggestion.' })
  suggestionId!: string;

  @Field(() => SuggestionDecision, { description: 'Accepted or declined.' })
  decision!: SuggestionDecision;

  @Field(() => String, { nullable: true, description: 'Why; required when declining, up to 2000 characters.' })
  @IsOptional()
  @Length(1, 2000)
  reason?: string | null;
}
