// Automation rules as the console keeps them: checked input (BAD_USER_INPUT naming the field),
// stored as the JSON of automation.rules.ts, every change checked by automation.policy.ts, and a
// dry run that finds the tickets a rule would act on now with the same conditions the engine uses.
import { Prisma, type AutomationRule as AutomationRuleRow, type Message as MessageRow, type Ticket as TicketRow } from '@studentdesk/db';
import { enforce, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { fromGlobalId, toGlobalId, type NodeTypeName } from '../relay/global-id.js';
import { visibleTicketsSql } from '../tickets/ticket.policy.js';
import { loadAssignee } from '../tickets/ticket.service.js';
import { loadTags } from '../tags/tag.service.js';
import { waitedLongEnough } from './automation.engine.js';
import * as automationPolicy from './automation.policy.js';
import {
  CONDITION_FIELDS,
  conditionsSql,
  operatorsOf,
  ruleSpec,
  TIMED_STATUSES,
  timeTriggerSql,
  TRIGGER_EVENTS,
  type AutomationAction,
  type AutomationCondition,
  type AutomationTrigger,
} from './automation.rules.js';
import { DRY_RUN_PAGE, type AutomationActionInput, type AutomationConditionInput, type AutomationRuleInput } from './automation.type.js';

/** The most rules one department keeps, and the most school-wide ones: a list of them stays one page. */
export const RULES_PER_AUDIENCE = 25;
/** How many tickets in the status a time rule's dry run looks at to count those whose wait is over. */
const DRY_RUN_SCAN = 2000;
const ID_TYPES: Partial<Record<keyof typeof CONDITION_FIELDS, NodeTypeName>> = {
  CATEGORY: 'Category',
  DEPARTMENT: 'Department',
  ASSIGNEE: 'User',
};

function parseTrigger(input: AutomationRuleInput['trigger']): AutomationTrigger {
  if (input.type === 'EVENT') {
    const events = [...new Set(input.events ?? [])];
    if (!events.length || events.some((event) => !TRIGGER_EVENTS.includes(event)))
      throw badInput('Choose at least one event the rule fires on.', 'trigger.events');
    return { type: 'EVENT', events };
  }
  const status = input.status ?? '';
  if (!Object.hasOwn(TIMED_STATUSES, status))
    throw badInput('A time rule waits on a new, waiting-on-student or resolved ticket.', 'trigger.status');
  if (!input.businessDays) throw badInput('Say after how many business days the rule fires.', 'trigger.businessDays');
  return { type: 'TIME', status: status as keyof typeof TIMED_STATUSES, businessDays: input.businessDays };
}

function parseCondition(input: AutomationConditionInput, index: number): AutomationCondition {
  const field = `conditions.${index}`;
  const definition = CONDITION_FIELDS[input.field];
  if (!operatorsOf(input.field).includes(input.operator))
    throw badInput(`${input.field} cannot be compared with ${input.operator}.`, field);
  const raw = (input.values ?? []).map((value) => value.trim()).filter(Boolean);
  if (input.operator === 'IS_EMPTY' || input.operator === 'IS_NOT_EMPTY')
    return { field: input.field, operator: input.operator, values: [] };
  if (!raw.length) throw badInput('Give the condition at least one value.', `${field}.values`);
  if (definition.kind === 'hours') {
    if (raw.length !== 1 || !/^\d{1,5}$/.test(raw[0]!)) throw badInput('Give one whole number of hours.', `${field}.values`);
    return { field: input.field, operator: input.operator, values: raw };
  }
  if (definition.kind === 'enum') {
    const allowed: readonly string[] = 'values' in definition ? definition.values : [];
    const wrong = raw.find((value) => !allowed.includes(value));
    if (wrong) throw badInput(`${wrong} is not a ${input.field.toLowerCase()}.`, `${field}.values`);
    return { field: input.field, operator: input.operator, values: [...new Set(raw)] };
  }
  return {
    field: input.field,
    operator: input.operator,
    values: [...new Set(raw.map((value) => fromGlobalId(value, ID_TYPES[input.field]!, `${field}.values`)))],
  };
}

const PLAIN_STATUSES = ['OPEN', 'WAITING_ON_STUDENT', 'CLOSED'] as const;

function requiredText(value: string | null | undefined, field: string, message: string): string {
  const text = value?.trim() ?? '';
  if (!text) throw badInput(message, field);
  return text;
}

async function parseAction(
  ctx: Context,
  input: AutomationActionInput,
  index: number,
  departmentId: string | null,
): Promise<AutomationAction> {
  const field = `actions.${index}`;
  switch (input.type) {
    case 'ASSIGN': {
      if (!input.assigneeId) return { type: 'ASSIGN', assigneeId: null };
      const assignee = await loadAssignee(ctx, input.assigneeId, departmentId ? [departmentId] : []);
      return { type: 'ASSIGN', assigneeId: assignee.id };
    }
    case 'SET_STATUS': {
      const status = PLAIN_STATUSES.find((candidate) => candidate === input.status);
      if (!status)
        throw badInput(
          'A rule sets the status to open, waiting on student, or closed (use CLOSE to resolve and close).',
          `${field}.status`,
        );
      return { type: 'SET_STATUS', status };
    }
    case 'SET_PRIORITY': {
      const priority = (['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const).find((candidate) => candidate === input.priority);
      if (!priority) throw badInput('Choose the priority to set.', `${field}.priority`);
      return { type: 'SET_PRIORITY', priority };
    }
    case 'CLOSE':
      return {
        type: 'CLOSE',
        body: requiredText(input.body, `${field}.body`, 'Write the resolution the student reads when the rule closes the ticket.'),
      };
    case 'EMAIL_STUDENT':
      return {
        type: 'EMAIL_STUDENT',
        subject: requiredText(input.subject, `${field}.subject`, 'Give the email a subject.'),
        body: requiredText(input.body, `${field}.body`, 'Write the email.'),
      };
    case 'WEBHOOK':
      return { type: 'WEBHOOK' };
    case 'ADD_TAGS': {
      const tags = await loadTags(ctx, input.tagIds ?? [], `${field}.tagIds`);
      if (!tags.length) throw badInput('Choose the tags to add.', `${field}.tagIds`);
      return { type: 'ADD_TAGS', tagIds: tags.map((tag) => tag.id) };
    }
    case 'ADD_MESSAGE':
      return {
        type: 'ADD_MESSAGE',
        body: requiredText(input.body, `${field}.body`, 'Write the message.'),
        internal: input.internal ?? true,
      };
  }
}

/** The input checked and turned into what is stored (database ids); BAD_USER_INPUT names the wrong field. */
async function parseRule(ctx: Context, input: AutomationRuleInput) {
  const name = requiredText(input.name, 'name', 'Name the rule.');
  const departmentId = input.departmentId ? fromGlobalId(input.departmentId, 'Department', 'departmentId') : null;
  enforce(automationPolicy.canManage(ctx.viewer, departmentId));
  if (departmentId && !(await ctx.loaders.department.load(departmentId))) throw badInput('There is no such department.', 'departmentId');
  const trigger = parseTrigger(input.trigger);
  const conditions = input.conditions.map(parseCondition);
  const actions: AutomationAction[] = [];
  for (const [index, action] of input.actions.entries()) actions.push(await parseAction(ctx, action, index, departmentId));
  return { name, departmentId, trigger, conditions, actions, enabled: input.enabled ?? true };
}

const asJson = (value: unknown) => value as Prisma.InputJsonValue;

async function loadRule(ctx: Context, globalId: string): Promise<AutomationRuleRow> {
  const rule = await ctx.loaders.automationRule.load(fromGlobalId(globalId, 'AutomationRule', 'id'));
  if (!rule || !automationPolicy.canRead(ctx.viewer, rule).allowed) throw notFound('There is no automation rule with this ID.');
  return rule;
}

export async function createRule(ctx: Context, input: AutomationRuleInput): Promise<AutomationRuleRow> {
  const user = requireStaff(ctx.viewer);
  const rule = await parseRule(ctx, input);
  if ((await ctx.prisma.automationRule.count({ where: { departmentId: rule.departmentId } })) >= RULES_PER_AUDIENCE) {
    throw badInput(
      `Keep at most ${RULES_PER_AUDIENCE} rules ${rule.departmentId ? 'per department' : 'for the whole school'}: delete one first.`,
      'name',
    );
  }
  return ctx.prisma.automationRule.create({
    data: {
      ...rule,
      trigger: asJson(rule.trigger),
      conditions: asJson(rule.conditions),
      actions: asJson(rule.actions),
      createdById: user.id,
    },
  });
}

export async function updateRule(ctx: Context, globalId: string, input: AutomationRuleInput): Promise<AutomationRuleRow> {
  requireStaff(ctx.viewer);
  const existing = await loadRule(ctx, globalId);
  enforce(automationPolicy.canManage(ctx.viewer, existing.departmentId));
  const rule = await parseRule(ctx, input);
  return ctx.prisma.automationRule.update({
    where: { id: existing.id },
    data: { ...rule, trigger: asJson(rule.trigger), conditions: asJson(rule.conditions), actions: asJson(rule.actions) },
  });
}

export async function setRuleEnabled(ctx: Context, globalId: string, enabled: boolean): Promise<AutomationRuleRow> {
  requireStaff(ctx.viewer);
  const existing = await loadRule(ctx, globalId);
  enforce(automationPolicy.canManage(ctx.viewer, existing.departmentId));
  return ctx.prisma.automationRule.update({ where: { id: existing.id }, data: { enabled } });
}

/** Deletes a rule (its runs with it); returns its id. */
export async function deleteRule(ctx: Context, globalId: string): Promise<string> {
  requireStaff(ctx.viewer);
  const existing = await loadRule(ctx, globalId);
  enforce(automationPolicy.canManage(ctx.viewer, existing.departmentId));
  await ctx.prisma.automationRule.deleteMany({ where: { id: existing.id } });
  return globalId;
}

export function listRules(ctx: Context): Promise<AutomationRuleRow[]> {
  const user = requireStaff(ctx.viewer);
  return ctx.prisma.automationRule.findMany({
    where: automationPolicy.listWhere(user),
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: LIST_MAXIMUM.automationRules,
  });
}

/**
 * The tickets the viewer may see that the rule would act on now: those meeting its conditions in
 * its department (and, for a time rule, whose wait in the status is over), newest first.
 */
export async function dryRun(ctx: Context, input: AutomationRuleInput): Promise<{ count: number; tickets: TicketRow[] }> {
  requireStaff(ctx.viewer);
  const parsed = await parseRule(ctx, input);
  const rule = ruleSpec({ id: '', ...parsed });
  const now = ctx.app.clock.now();
  const where = Prisma.join(
    [
      visibleTicketsSql(ctx.viewer),
      rule.departmentId ? Prisma.sql`t."departmentId" = ${rule.departmentId}::uuid` : Prisma.sql`TRUE`,
      conditionsSql(rule.conditions, now),
      rule.trigger.type === 'TIME' ? timeTriggerSql(rule.trigger, now) : Prisma.sql`TRUE`,
    ],
    ' AND ',
  );
  if (rule.trigger.type === 'TIME') {
    const candidates = await ctx.prisma.$queryRaw<TicketRow[]>`
      SELECT t.* FROM "Ticket" t WHERE ${where} ORDER BY t."createdAt" DESC, t."id" DESC LIMIT ${DRY_RUN_SCAN}`;
    const due = await waitedLongEnough(ctx.prisma, rule.trigger, candidates, now);
    return { count: due.length, tickets: due.slice(0, DRY_RUN_PAGE) };
  }
  const [tickets, [{ count }]] = await Promise.all([
    ctx.prisma.$queryRaw<
      TicketRow[]
    >`SELECT t.* FROM "Ticket" t WHERE ${where} ORDER BY t."createdAt" DESC, t."id" DESC LIMIT ${DRY_RUN_PAGE}`,
    ctx.prisma.$queryRaw<[{ count: number }]>`SELECT count(*)::int AS count FROM "Ticket" t WHERE ${where}`,
  ]);
  return { count, tickets };
}

/** The rule's trigger, conditions and actions as the API shows them (global IDs). */
export function ruleView(row: AutomationRuleRow) {
  const rule = ruleSpec(row);
  const trigger = rule.trigger;
  return {
    trigger: {
      type: trigger.type,
      events: trigger.type === 'EVENT' ? trigger.events : [],
      status: trigger.type === 'TIME' ? trigger.status : null,
      businessDays: trigger.type === 'TIME' ? trigger.businessDays : null,
    },
    conditions: rule.conditions.map((condition) => {
      const type = ID_TYPES[condition.field];
      return { ...condition, values: type ? condition.values.map((id) => toGlobalId(type, id)) : condition.values };
    }),
    actions: rule.actions.map((action) => ({
      type: action.type,
      assigneeId: action.type === 'ASSIGN' && action.assigneeId ? toGlobalId('User', action.assigneeId) : null,
      status: action.type === 'SET_STATUS' ? action.status : null,
      priority: action.type === 'SET_PRIORITY' ? action.priority : null,
      subject: action.type === 'EMAIL_STUDENT' ? action.subject : null,
      body: 'body' in action ? action.body : null,
      internal: action.type === 'ADD_MESSAGE' ? action.internal : null,
      tagIds: action.type === 'ADD_TAGS' ? action.tagIds.map((id) => toGlobalId('Tag', id)) : [],
    })),
  };
}

/** The rule that wrote a message (a CLOSE's resolution, an ADD_MESSAGE), by the message's history event; null: a person did. */
export async function automationRuleNameOfMessage(ctx: Context, message: Pick<MessageRow, 'id' | 'ticketId'>): Promise<string | null> {
  const events = await ctx.loaders.eventsByTicket.load(message.ticketId);
  const written = events.find((event) => (event.detail as { messageId?: unknown } | null)?.messageId === message.id);
  return written ? automationRuleNameOf(written) : null;
}

/** The name of the rule behind a history event (kept in the event, so it outlives the rule), or null. */
export function automationRuleNameOf(event: { detail: unknown }): string | null {
  const detail = event.detail as { automation?: { ruleName?: unknown } } | null;
  const name = detail?.automation?.ruleName;
  return typeof name === 'string' ? name : null;
}
