import { RetentionRuleKind } from '@studentdesk/db';
import { Field, Int, ObjectType } from 'type-graphql';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { describeEnum } from '../schema-enum.js';
import { User } from '../users/user.type.js';
import { RETENTION_RULE_MEANINGS } from './retention.js';

describeEnum(RetentionRuleKind, 'RetentionRuleKind', 'What a retention rule removes once it is old enough.', RETENTION_RULE_MEANINGS);

@ObjectType({ description: 'One table an erasure changes, and how many of its rows.' })
export class ErasureChange {
  @Field(() => String, { description: 'The table, e.g. Session, Ticket, Message.' })
  table!: string;

  @Field(() => String, { description: 'What happens to its rows.' })
  change!: string;

  @Field(() => Int, { description: 'How many rows.' })
  count!: number;
}

@ObjectType({ description: 'An erasure: what it will change (previewErasure) or what it changed (erasePerson).' })
export class ErasurePlan {
  @Field(() => User, { description: 'The person, as they are now.' })
  person!: User;

  @Field(() => String, {
    nullable: true,
    description: 'Why the erasure cannot be done (the last admin, oneself, already erased); null when it can.',
  })
  refusal!: string | null;

  @Field(() => String, { description: 'The name the account has afterwards: “Former student” or “Former staff member”.' })
  formerName!: string;

  @MaxItems(LIST_MAXIMUM.erasureChanges)
  @Field(() => [ErasureChange], { description: 'Rows changed, per table.' })
  changes!: ErasureChange[];
}

@ObjectType({ description: 'A retention rule: what is removed once it is older than `afterDays`, if enabled.' })
export class RetentionRule {
  @Field(() => RetentionRuleKind, { description: 'What the rule removes.' })
  kind!: RetentionRuleKind;

  @Field(() => String, { description: 'What the rule removes, in a sentence.' })
  meaning!: string;

  @Field(() => Int, { description: 'Rows older than this many days (since closing, or since deactivation) are removed.' })
  afterDays!: number;

  @Field(() => Boolean, { description: 'Whether the daily retention job applies it.' })
  enabled!: boolean;

  @Field(() => Date, { nullable: true, description: 'When an admin last set it; null while it has its defaults.' })
  updatedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the retention job last applied it.' })
  lastRunAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'How many rows that run removed.' })
  lastRunDeleted!: number | null;
}

@ObjectType({ description: 'A dry run of a retention rule: what it would remove now. Nothing is removed.' })
export class RetentionPreview {
  @Field(() => RetentionRuleKind, { description: 'The rule.' })
  kind!: RetentionRuleKind;

  @Field(() => Int, { description: 'The age asked about, in days.' })
  afterDays!: number;

  @Field(() => Date, { description: 'Rows older than this would be removed.' })
  cutoff!: Date;

  @Field(() => Int, { description: 'How many rows would be removed.' })
  count!: number;

  @Field(() => [String], { description: 'Global IDs of up to 10 of them (Ticket or User IDs), for a look before saying yes.' })
  sampleIds!: string[];
}
