// The vocabulary of automation rules, defined once: triggers, conditions and actions as stored
// (JSON on AutomationRule) and as plain functions. Each condition field is one entry of
// CONDITION_FIELDS, read both by the matcher (matchesConditions, for a ticket in hand) and by the
// SQL filter (conditionsSql, for the dry run and the time sweep); automation.rules.test.ts proves
// the two agree on every field and operator.
import { Prisma, type Ticket as TicketRow } from '@studentdesk/db';
import { businessMinutesBetween, type BusinessCalendar } from '@studentdesk/db';
import { TICKET_STATUSES, type TicketStatus } from '@studentdesk/domain';

export const TRIGGER_EVENTS = ['TICKET_CREATED', 'TICKET_UPDATED', 'STUDENT_REPLIED', 'STAFF_REPLIED', 'RATED'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/**
 * The statuses a time trigger can wait on, with the ticket column that records (by the app clock)
 * when the ticket entered it.
 */
export const TIMED_STATUSES = {
  NEW: 'createdAt',
  WAITING_ON_STUDENT: 'slaPausedAt',
  RESOLVED: 'resolvedAt',
} as const satisfies Partial<Record<TicketStatus, keyof TicketRow>>;
export type TimedStatus = keyof typeof TIMED_STATUSES;

export type AutomationTrigger = { type: 'EVENT'; events: TriggerEvent[] } | { type: 'TIME'; status: TimedStatus; businessDays: number };

export const CONDITION_OPERATORS = ['IS_ANY_OF', 'IS_NONE_OF', 'IS_EMPTY', 'IS_NOT_EMPTY', 'AT_LEAST', 'LESS_THAN'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

type Kind = 'enum' | 'id' | 'hours';

interface FieldDefinition {
  kind: Kind;
  /** The Ticket column the condition reads. */
  column: keyof TicketRow;
  /** For enum fields: the values it may name. */
  values?: readonly string[];
  /** Whether the column can be empty (null), so IS_EMPTY / IS_NOT_EMPTY make sense. */
  nullable?: boolean;
}

export const CONDITION_FIELDS = {
  STATUS: { kind: 'enum', column: 'status', values: TICKET_STATUSES },
  PRIORITY: { kind: 'enum', column: 'priority', values: ['LOW', 'NORMAL', 'HIGH', 'URGENT'] },
  CHANNEL: { kind: 'enum', column: 'channel', values: ['PORTAL', 'GUEST', 'CONSOLE', 'API', 'EMAIL'] },
  CATEGORY: { kind: 'id', column: 'categoryId' },
  DEPARTMENT: { kind: 'id', column: 'departmentId' },
  ASSIGNEE: { kind: 'id', column: 'assigneeId', nullable: true },
  /** Hours since the ticket last changed (updatedAt). */
  HOURS_SINCE_UPDATE: { kind: 'hours', column: 'updatedAt' },
} as const satisfies Record<string, FieldDefinition>;
export type ConditionField = keyof typeof CONDITION_FIELDS;

/** A condition as stored: enum names, database ids, or one number of hours. */
export interface AutomationCondition {
  field: ConditionField;
  operator: ConditionOperator;
  values: string[];
}

const OPERATORS_OF: Record<Kind, readonly ConditionOperator[]> = {
  enum: ['IS_ANY_OF', 'IS_NONE_OF'],
  id: ['IS_ANY_OF', 'IS_NONE_OF', 'IS_EMPTY', 'IS_NOT_EMPTY'],
  hours: ['AT_LEAST', 'LESS_THAN'],
};

/** The operators a field takes (IS_EMPTY and IS_NOT_EMPTY only where the field can be empty). */
export function operatorsOf(field: ConditionField): readonly ConditionOperator[] {
  const definition: FieldDefinition = CONDITION_FIELDS[field];
  return OPERATORS_OF[definition.kind].filter(
    (operator) => definition.nullable || (operator !== 'IS_EMPTY' && operator !== 'IS_NOT_EMPTY'),
  );
}

const HOUR = 3_600_000;

function conditionMatches(condition: AutomationCondition, ticket: TicketRow, now: Date): boolean {
  const value = ticket[CONDITION_FIELDS[condition.field].column];
  switch (condition.operator) {
    case 'IS_ANY_OF':
      return value !== null && condition.values.includes(String(value));
    case 'IS_NONE_OF':
      return value === null || !condition.values.includes(String(value));
    case 'IS_EMPTY':
      return value === null;
    case 'IS_NOT_EMPTY':
      return value !== null;
    case 'AT_LEAST':
      return value instanceof Date && now.getTime() - value.getTime() >= Number(condition.values[0]) * HOUR;
    case 'LESS_THAN':
      return value instanceof Date && now.getTime() - value.getTime() < Number(condition.values[0]) * HOUR;
  }
}

function conditionSql(condition: AutomationCondition, now: Date): Prisma.Sql {
  // Column names come from CONDITION_FIELDS, never from the client.
  const column = Prisma.raw(`t."${CONDITION_FIELDS[condition.field].column}"`);
  switch (condition.operator) {
    case 'IS_ANY_OF':
      return Prisma.sql`${column}::text = ANY(${condition.values}::text[])`;
    case 'IS_NONE_OF':
      return Prisma.sql`(${column} IS NULL OR NOT (${column}::text = ANY(${condition.values}::text[])))`;
    case 'IS_EMPTY':
      return Prisma.sql`${column} IS NULL`;
    case 'IS_NOT_EMPTY':
      return Prisma.sql`${column} IS NOT NULL`;
    case 'AT_LEAST':
      return Prisma.sql`${column} <= ${new Date(now.getTime() - Number(condition.values[0]) * HOUR)}::timestamptz`;
    case 'LESS_THAN':
      return Prisma.sql`${column} > ${new Date(now.getTime() - Number(condition.values[0]) * HOUR)}::timestamptz`;
  }
}

/** Whether the ticket meets every condition at `now`. */
export function matchesConditions(conditions: readonly AutomationCondition[], ticket: TicketRow, now: Date): boolean {
  return conditions.every((condition) => conditionMatches(condition, ticket, now));
}

/** The same conditions on "Ticket" t, for SQL. */
export function conditionsSql(conditions: readonly AutomationCondition[], now: Date): Prisma.Sql {
  return conditions.length
    ? Prisma.join(
        conditions.map((condition) => conditionSql(condition, now)),
        ' AND ',
      )
    : Prisma.sql`TRUE`;
}

/**
 * What a rule does, one variant per kind. A new kind of action (add a tag, notify staff) is one
 * more variant here and one entry in ACTIONS (automation.actions.ts); the compiler finds the rest.
 */
export type AutomationAction =
  | { type: 'ASSIGN'; assigneeId: string | null }
  | { type: 'SET_STATUS'; status: 'OPEN' | 'WAITING_ON_STUDENT' | 'CLOSED' }
  | { type: 'SET_PRIORITY'; priority: 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT' }
  /** Resolves the ticket with `body` as the resolution the student reads (unless resolved already), then closes it. */
  | { type: 'CLOSE'; body: string }
  | { type: 'EMAIL_STUDENT'; subject: string; body: string }
  /** An `automation.fired` webhook event. */
  | { type: 'WEBHOOK' }
  | { type: 'ADD_MESSAGE'; body: string; internal: boolean }
  | { type: 'ADD_TAGS'; tagIds: string[] };
export type AutomationActionType = AutomationAction['type'];

/** A rule as the engine reads it. */
export interface AutomationRuleSpec {
  id: string;
  name: string;
  departmentId: string | null;
  trigger: AutomationTrigger;
  conditions: AutomationCondition[];
  actions: AutomationAction[];
}

/** A stored rule row read back (its JSON was checked when written). */
export function ruleSpec(row: {
  id: string;
  name: string;
  departmentId: string | null;
  trigger: unknown;
  conditions: unknown;
  actions: unknown;
}): AutomationRuleSpec {
  return {
    id: row.id,
    name: row.name,
    departmentId: row.departmentId,
    trigger: row.trigger as AutomationTrigger,
    conditions: row.conditions as AutomationCondition[],
    actions: row.actions as AutomationAction[],
  };
}

/** Whether the rule acts on the ticket's department (a school-wide rule acts on all). */
export const inScope = (rule: Pick<AutomationRuleSpec, 'departmentId'>, ticket: Pick<TicketRow, 'departmentId'>) =>
  rule.departmentId === null || rule.departmentId === ticket.departmentId;

/** How many business days of the calendar lie between `since` and `now` (a business day: one working day's hours). */
export function businessDaysBetween(since: Date, now: Date, calendar: BusinessCalendar): number {
  const dayMinutes = calendar.businessDayEnd - calendar.businessDayStart;
  const minutes = businessMinutesBetween(since, now, calendar);
  return dayMinutes > 0 && calendar.businessDays.length ? minutes / dayMinutes : minutes / 1440;
}

/** When the ticket entered the status a time trigger waits on (null: it is not in it). */
export function statusSince(trigger: Extract<AutomationTrigger, { type: 'TIME' }>, ticket: TicketRow): Date | null {
  return ticket.status === trigger.status ? (ticket[TIMED_STATUSES[trigger.status]] ?? null) : null;
}

/**
 * The time trigger as SQL: in the status, long enough ago that it may have lasted the business
 * days (a business day is at most a calendar day of working time, so N business days take at
 * least N - 1 calendar days); the exact count is businessDaysBetween's.
 */
export function timeTriggerSql(trigger: Extract<AutomationTrigger, { type: 'TIME' }>, now: Date): Prisma.Sql {
  const since = Prisma.raw(`t."${TIMED_STATUSES[trigger.status]}"`);
  const latest = new Date(now.getTime() - (trigger.businessDays - 1) * 24 * HOUR);
  return Prisma.sql`t."status" = ${trigger.status}::"TicketStatus" AND ${since} IS NOT NULL AND ${since} <= ${latest}::timestamptz`;
}
