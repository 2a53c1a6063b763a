import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { Node } from '../relay/relay.types.js';
import { describeEnum } from '../schema-enum.js';
import { Priority, TicketStatus } from '../tickets/ticket.enums.js';
import { Ticket } from '../tickets/ticket.type.js';
import { TAGS_PER_TICKET } from '../tags/tag.type.js';
import type { AutomationActionType as ActionType, ConditionField, ConditionOperator, TriggerEvent } from './automation.rules.js';

export const RULE_NAME_MAX = 80;
export const MAX_CONDITIONS = LIST_MAXIMUM.automationConditions;
export const MAX_ACTIONS = LIST_MAXIMUM.automationActions;
export const MAX_BUSINESS_DAYS = 60;
export const ACTION_TEXT_MAX = 5000;
export const DRY_RUN_PAGE = LIST_MAXIMUM.automationDryRun;

export const AutomationTriggerType = { EVENT: 'EVENT', TIME: 'TIME' } as const;
describeEnum(AutomationTriggerType, 'AutomationTriggerType', 'When a rule is looked at.', {
  EVENT: 'When something happens to a ticket (see `events`).',
  TIME: 'When a ticket has been in `status` for `businessDays` business days of its department.',
});

export const AutomationEvent = {
  TICKET_CREATED: 'TICKET_CREATED',
  TICKET_UPDATED: 'TICKET_UPDATED',
  STUDENT_REPLIED: 'STUDENT_REPLIED',
  STAFF_REPLIED: 'STAFF_REPLIED',
  RATED: 'RATED',
} as const satisfies Record<TriggerEvent, TriggerEvent>;
describeEnum(AutomationEvent, 'AutomationEvent', 'What happened to a ticket, for event rules.', {
  TICKET_CREATED: 'A problem was reported.',
  TICKET_UPDATED: 'Its status, assignee, priority, category or department changed (resolving and reopening too).',
  STUDENT_REPLIED: 'The student (or a guest reporter) wrote a message.',
  STAFF_REPLIED: 'Staff wrote a public reply.',
  RATED: 'The student rated it.',
});

export const AutomationConditionField = {
  STATUS: 'STATUS',
  PRIORITY: 'PRIORITY',
  CHANNEL: 'CHANNEL',
  CATEGORY: 'CATEGORY',
  DEPARTMENT: 'DEPARTMENT',
  ASSIGNEE: 'ASSIGNEE',
  HOURS_SINCE_UPDATE: 'HOURS_SINCE_UPDATE',
} as const satisfies Record<ConditionField, ConditionField>;
describeEnum(AutomationConditionField, 'AutomationConditionField', 'The ticket field a condition reads.', {
  STATUS: 'Its status (values: TicketStatus names).',
  PRIORITY: 'Its priority (values: Priority names).',
  CHANNEL: 'How it reached the desk (values: TicketChannel names).',
  CATEGORY: 'Its category (values: Category IDs).',
  DEPARTMENT: 'Its department (values: Department IDs).',
  ASSIGNEE: 'Who it is assigned to (values: User IDs; IS_EMPTY: unassigned).',
  HOURS_SINCE_UPDATE: 'Hours since it last changed (one value, a whole number; AT_LEAST or LESS_THAN).',
});

export const AutomationConditionOperator = {
  IS_ANY_OF: 'IS_ANY_OF',
  IS_NONE_OF: 'IS_NONE_OF',
  IS_EMPTY: 'IS_EMPTY',
  IS_NOT_EMPTY: 'IS_NOT_EMPTY',
  AT_LEAST: 'AT_LEAST',
  LESS_THAN: 'LESS_THAN',
} as const satisfies Record<ConditionOperator, ConditionOperator>;
describeEnum(AutomationConditionOperator, 'AutomationConditionOperator', 'How a condition compares the field with its values.', {
  IS_ANY_OF: 'The field is one of the values.',
  IS_NONE_OF: 'The field is none of the values (or empty).',
  IS_EMPTY: 'The field is empty (ASSIGNEE: unassigned).',
  IS_NOT_EMPTY: 'The field is set.',
  AT_LEAST: 'At least the value (HOURS_SINCE_UPDATE).',
  LESS_THAN: 'Less than the value (HOURS_SINCE_UPDATE).',
});

export const AutomationActionType = {
  ASSIGN: 'ASSIGN',
  SET_STATUS: 'SET_STATUS',
  SET_PRIORITY: 'SET_PRIORITY',
  CLOSE: 'CLOSE',
  EMAIL_STUDENT: 'EMAIL_STUDENT',
  WEBHOOK: 'WEBHOOK',
  ADD_MESSAGE: 'ADD_MESSAGE',
  ADD_TAGS: 'ADD_TAGS',
} as const satisfies Record<ActionType, ActionType>;
describeEnum(AutomationActionType, 'AutomationActionType', 'What an action does.', {
  ASSIGN: 'Assign the ticket to `assigneeId` (omitted: unassign).',
  SET_STATUS: 'Set the status to `status`: OPEN, WAITING_ON_STUDENT, or CLOSED (a resolved ticket).',
  SET_PRIORITY: 'Set the priority to `priority`.',
  CLOSE: 'Resolve the ticket with `body` as the resolution the student reads (unless it is resolved), then close it.',
  EMAIL_STUDENT: 'Email the student `subject` and `body`, with the ticket’s link.',
  WEBHOOK: 'Send the `automation.fired` webhook event.',
  ADD_MESSAGE: 'Post `body` on the ticket: an internal note when `internal`, else a public reply.',
  ADD_TAGS: 'Add the tags `tagIds` (tags deleted since are left out; a ticket that would hold too many is left as it is).',
});

@ObjectType({ description: 'When a rule is looked at.' })
export class AutomationTrigger {
  @Field(() => AutomationTriggerType, { description: 'An event, or time in a status.' })
  type!: string;

  @Field(() => [AutomationEvent], { description: 'EVENT: the events it fires on.' })
  events!: string[];

  @Field(() => TicketStatus, { nullable: true, description: 'TIME: the status waited in (NEW, WAITING_ON_STUDENT or RESOLVED).' })
  status!: string | null;

  @Field(() => Int, { nullable: true, description: 'TIME: how many business days of the ticket’s department.' })
  businessDays!: number | null;
}

@ObjectType({ description: 'One condition a ticket must meet.' })
export class AutomationCondition {
  @Field(() => AutomationConditionField, { description: 'The field read.' })
  field!: string;

  @Field(() => AutomationConditionOperator, { description: 'How it is compared.' })
  operator!: string;

  @Field(() => [String], { description: 'Enum names, global IDs, or one number of hours, as the field takes them.' })
  values!: string[];
}

@ObjectType({ description: 'One action of a rule; the fields its type uses are set.' })
export class AutomationAction {
  @Field(() => AutomationActionType, { description: 'What it does.' })
  type!: string;

  @Field(() => ID, { nullable: true, description: 'ASSIGN: who gets the ticket (null: nobody).' })
  assigneeId!: string | null;

  @Field(() => TicketStatus, { nullable: true, description: 'SET_STATUS: the new status.' })
  status!: string | null;

  @Field(() => Priority, { nullable: true, description: 'SET_PRIORITY: the new priority.' })
  priority!: string | null;

  @Field(() => String, { nullable: true, description: 'EMAIL_STUDENT: the subject.' })
  subject!: string | null;

  @Field(() => String, { nullable: true, description: 'EMAIL_STUDENT, ADD_MESSAGE, CLOSE: the words.' })
  body!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'ADD_MESSAGE: an internal note rather than a public reply.' })
  internal!: boolean | null;

  @Field(() => [ID], { description: 'ADD_TAGS: the tags added (empty for other actions).' })
  @MaxItems(TAGS_PER_TICKET)
  tagIds!: string[];
}

@ObjectType({ implements: Node, description: 'A rule that acts on tickets by itself: on an event or after time in a status.' })
export class AutomationRule extends Node {
  @Field(() => String, { description: 'What staff call it; the ticket history names it.' })
  name!: string;

  @Field(() => Boolean, { description: 'Whether it fires.' })
  enabled!: boolean;

  @Field(() => Date, { description: 'When it was last changed.' })
  updatedAt!: Date;
}

@InputType({ description: 'When a rule is looked at.' })
export class AutomationTriggerInput {
  @Field(() => AutomationTriggerType, { description: 'An event, or time in a status.' })
  type!: 'EVENT' | 'TIME';

  @Field(() => [AutomationEvent], { nullable: true, description: 'EVENT: the events it fires on (at least one).' })
  @IsOptional()
  @ArrayMaxSize(Object.keys(AutomationEvent).length)
  events?: TriggerEvent[] | null;

  @Field(() => TicketStatus, { nullable: true, description: 'TIME: the status waited in: NEW, WAITING_ON_STUDENT or RESOLVED.' })
  status?: string | null;

  @Field(() => Int, { nullable: true, description: `TIME: business days in the status, 1 to ${MAX_BUSINESS_DAYS}.` })
  @IsOptional()
  @Min(1, { message: 'Wait at least one business day.' })
  @Max(MAX_BUSINESS_DAYS, { message: `Wait at most ${MAX_BUSINESS_DAYS} business days.` })
  businessDays?: number | null;
}

@InputType({ description: 'One condition a ticket must meet.' })
export class AutomationConditionInput {
  @Field(() => AutomationConditionField, { description: 'The field read.' })
  field!: ConditionField;

  @Field(() => AutomationConditionOperator, { description: 'How it is compared.' })
  operator!: ConditionOperator;

  @Field(() => [String], { nullable: true, description: 'Enum names, global IDs, or one number of hours, as the field takes them.' })
  @IsOptional()
  @ArrayMaxSize(100)
  values?: string[] | null;
}

@InputType({ description: 'One action; set the fields its type uses.' })
export class AutomationActionInput {
  @Field(() => AutomationActionType, { description: 'What it does.' })
  type!: ActionType;

  @Field(() => ID, { nullable: true, description: 'ASSIGN: who gets the ticket (omitted: unassign).' })
  assigneeId?: string | null;

  @Field(() => TicketStatus, { nullable: true, description: 'SET_STATUS: OPEN, WAITING_ON_STUDENT or CLOSED.' })
  status?: string | null;

  @Field(() => Priority, { nullable: true, description: 'SET_PRIORITY: the new priority.' })
  priority?: string | null;

  @Field(() => String, { nullable: true, description: 'EMAIL_STUDENT: the subject, up to 200 characters.' })
  @IsOptional()
  @MaxLength(200, { message: 'Keep the subject to 200 characters.' })
  subject?: string | null;

  @Field(() => String, {
    nullable: true,
    description: `EMAIL_STUDENT, ADD_MESSAGE, CLOSE: the words, up to ${ACTION_TEXT_MAX} characters.`,
  })
  @IsOptional()
  @MaxLength(ACTION_TEXT_MAX, { message: `Keep the text to ${ACTION_TEXT_MAX} characters.` })
  body?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'ADD_MESSAGE: an internal note rather than a public reply.' })
  internal?: boolean | null;

  @Field(() => [ID], { nullable: true, description: `ADD_TAGS: the tags to add, at most ${TAGS_PER_TICKET}.` })
  @IsOptional()
  @ArrayMaxSize(TAGS_PER_TICKET, { message: `Add at most ${TAGS_PER_TICKET} tags.` })
  tagIds?: string[] | null;
}

@InputType({ description: 'A rule as the console edits it.' })
export class AutomationRuleInput {
  @Field(() => String, { description: `The name, 1 to ${RULE_NAME_MAX} characters.` })
  @Length(1, RULE_NAME_MAX, { message: `Name the rule in 1 to ${RULE_NAME_MAX} characters.` })
  name!: string;

  @Field(() => Boolean, { nullable: true, description: 'Whether it fires; true when omitted.' })
  enabled?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'The department whose tickets it acts on; omitted: every department (admins only).' })
  departmentId?: string | null;

  @Field(() => AutomationTriggerInput, { description: 'When it is looked at.' })
  @ValidateNested()
  trigger!: AutomationTriggerInput;

  @Field(() => [AutomationConditionInput], { description: `What a ticket must meet, all of them (at most ${MAX_CONDITIONS}).` })
  @ArrayMaxSize(MAX_CONDITIONS, { message: `Use at most ${MAX_CONDITIONS} conditions.` })
  @ValidateNested({ each: true })
  conditions!: AutomationConditionInput[];

  @Field(() => [AutomationActionInput], { description: `What it does, in order (1 to ${MAX_ACTIONS}).` })
  @ArrayMinSize(1, { message: 'Give the rule at least one action.' })
  @ArrayMaxSize(MAX_ACTIONS, { message: `Use at most ${MAX_ACTIONS} actions.` })
  @ValidateNested({ each: true })
  actions!: AutomationActionInput[];
}

@ObjectType({ description: 'Which tickets a rule would act on now.' })
export class AutomationDryRun {
  @Field(() => Int, { description: 'How many tickets you may see it would act on now.' })
  count!: number;

  @Field(() => [Ticket], { description: `The first ${DRY_RUN_PAGE} of them, newest first.` })
  @MaxItems(DRY_RUN_PAGE)
  tickets!: unknown[];
}
