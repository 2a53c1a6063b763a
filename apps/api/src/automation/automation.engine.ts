// When rules fire. Event rules read the ticket's history as their outbox: every change writes its
// TicketEvent in its own transaction, and the event sweep claims unchecked events one at a time
// (FOR UPDATE SKIP LOCKED) and runs the matching rules in the same transaction. Time rules are a
// sweep over tickets that have been in a status for the rule's business days, counted in the
// department's calendar (sla/sla.calendar.ts). Either way a run is an AutomationRun row, unique
// per rule and key, written with the actions: however many API processes sweep at once, a rule
// fires once per ticket event, and once per wait.
//
// Loops: the events a rule causes carry the chain of rules behind them. A rule never fires on an
// event its own chain caused, and nothing fires beyond MAX_CHAIN rules deep.
import { Prisma, TicketEventType, type PrismaClient, type Ticket as TicketRow, type TicketEvent as TicketEventRow } from '@studentdesk/db';
import type { Logger } from 'pino';
import { isStaffRole } from '../auth/viewer.js';
import { departmentCalendar } from '../sla/sla.calendar.js';
import { runAction } from './automation.actions.js';
import {
  businessDaysBetween,
  conditionsSql,
  inScope,
  matchesConditions,
  ruleSpec,
  statusSince,
  TIMED_STATUSES,
  timeTriggerSql,
  type AutomationRuleSpec,
  type AutomationTrigger,
  type TriggerEvent,
} from './automation.rules.js';

type Tx = Prisma.TransactionClient;

/** How many rules deep a chain of automation may go (a rule's change firing another rule, and so on). */
export const MAX_CHAIN = 3;
// Each event is its own short transaction; a busy minute (a bulk change of 500 tickets) is caught up in one sweep.
const EVENTS_PER_SWEEP = 1000;
const TICKETS_PER_TIME_RULE = 100;

const UPDATES: ReadonlySet<TicketEventType> = new Set<TicketEventType>([
  TicketEventType.STATUS_CHANGED,
  TicketEventType.ASSIGNED,
  TicketEventType.PRIORITY_CHANGED,
  TicketEventType.CATEGORY_CHANGED,
  TicketEventType.DEPARTMENT_CHANGED,
  TicketEventType.RESOLVED,
  TicketEventType.REOPENED,
]);

/** The trigger a history event is, if any; a reply is the student's unless staff wrote it. */
export function triggerOf(event: Pick<TicketEventRow, 'type'>, actorIsStaff: boolean): TriggerEvent | null {
  if (event.type === TicketEventType.CREATED) return 'TICKET_CREATED';
  if (event.type === TicketEventType.REPLIED) return actorIsStaff ? 'STAFF_REPLIED' : 'STUDENT_REPLIED';
  if (event.type === TicketEventType.RATED) return 'RATED';
  return UPDATES.has(event.type) ? 'TICKET_UPDATED' : null;
}

/** The rules whose actions caused the event, oldest first (empty: a person or the system did). */
export function chainOf(event: Pick<TicketEventRow, 'detail'>): string[] {
  const detail = event.detail as { automation?: { chain?: unknown } } | null;
  const chain = detail?.automation?.chain;
  return Array.isArray(chain) ? chain.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Fires the rule on the ticket for `key` unless it already fired for it: the run row and the
 * actions commit together. Returns the ticket after the actions (null: it had fired already).
 */
async function fire(
  tx: Tx,
  rule: AutomationRuleSpec,
  ticket: TicketRow,
  key: string,
  chain: readonly string[],
  now: Date,
  publicUrl: string,
): Promise<TicketRow | null> {
  // A concurrent run of the same key waits here for the other transaction, then inserts nothing.
  const { count } = await tx.automationRun.createMany({ data: [{ ruleId: rule.id, ticketId: ticket.id, key }], skipDuplicates: true });
  if (count === 0) return null;
  const detail = { automation: { ruleId: rule.id, ruleName: rule.name, chain: [...chain, rule.id] } };
  let current = ticket;
  for (const action of rule.actions) current = await runAction({ tx, rule, now, publicUrl, detail }, current, action);
  return current;
}

const enabledRules = async (prisma: PrismaClient, type: AutomationTrigger['type']) =>
  (
    await prisma.automationRule.findMany({
      where: { enabled: true, trigger: { path: ['type'], equals: type } },
      orderBy: { createdAt: 'asc' },
    })
  ).map(ruleSpec);

export interface SweepDeps {
  prisma: PrismaClient;
  publicUrl: string;
  logger?: Logger;
}

/**
 * Runs the event rules on the history written since the last sweep. Returns the tickets the
 * rules changed (to announce once committed).
 */
export async function runEventRules({ prisma, publicUrl, logger }: SweepDeps, now: Date): Promise<TicketRow[]> {
  const rules = await enabledRules(prisma, 'EVENT');
  if (!rules.length) {
    // Nothing to fire: the events are looked at, so a rule made later starts from its own time.
    await prisma.$executeRaw`UPDATE "TicketEvent" SET "automationCheckedAt" = ${now} WHERE "automationCheckedAt" IS NULL`;
    return [];
  }
  const changed = new Map<string, TicketRow>();
  for (let handled = 0; handled < EVENTS_PER_SWEEP; handled += 1) {
    let claimedId: string | null = null;
    try {
      const outcome = await prisma.$transaction(async (tx) => {
        const [event] = await tx.$queryRaw<TicketEventRow[]>`
          UPDATE "TicketEvent" SET "automationCheckedAt" = ${now}
          WHERE "id" = (
            SELECT "id" FROM "TicketEvent" WHERE "automationCheckedAt" IS NULL
            ORDER BY "createdAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED
          )
          RETURNING *`;
        if (!event) return 'done' as const;
        claimedId = event.id;
        const chain = chainOf(event);
        const actor = event.actorId ? await tx.user.findUnique({ where: { id: event.actorId }, select: { role: true } }) : null;
        const trigger = triggerOf(event, actor !== null && isStaffRole(actor.role));
        if (!trigger || chain.length >= MAX_CHAIN) return null;
        const [locked] = await tx.$queryRaw<TicketRow[]>`SELECT * FROM "Ticket" WHERE "id" = ${event.ticketId}::uuid FOR UPDATE`;
        if (!locked) return null;
        // Which rules fire is decided on the ticket as the event left it: one rule's change is
        // another rule's next event (with its chain), never a second firing on this one.
        const firing = rules.filter(
          (rule) =>
            rule.trigger.type === 'EVENT' &&
            rule.trigger.events.includes(trigger) &&
            !chain.includes(rule.id) &&
            inScope(rule, locked) &&
            matchesConditions(rule.conditions, locked, now),
        );
        let ticket = locked;
        for (const rule of firing) ticket = (await fire(tx, rule, ticket, `event:${event.id}`, chain, now, publicUrl)) ?? ticket;
        return firing.length ? ticket : null;
      });
      if (outcome === 'done') break;
      if (outcome) changed.set(outcome.id, outcome);
    } catch (error) {
      // A change the rules could not make (a person changed the ticket at the same moment): the
      // event is left as looked at, so one stubborn event cannot hold up the others.
      logger?.warn({ err: error, eventId: claimedId }, 'automation could not act on a ticket event');
      if (!claimedId) throw error;
      await prisma.ticketEvent.updateMany({ where: { id: claimedId }, data: { automationCheckedAt: now } });
    }
  }
  return [...changed.values()];
}

/** Tickets that have been in the time rule's status for its business days at `now`, and have not had this run yet. */
export async function dueForTimeRule(db: Tx | PrismaClient, rule: AutomationRuleSpec, now: Date, limit: number): Promise<TicketRow[]> {
  if (rule.trigger.type !== 'TIME') return [];
  const trigger = rule.trigger;
  const since = Prisma.raw(`t."${TIMED_STATUSES[trigger.status]}"`);
  const candidates = await db.$queryRaw<TicketRow[]>`
    SELECT t.* FROM "Ticket" t
    WHERE ${timeTriggerSql(trigger, now)}
      AND ${rule.departmentId ? Prisma.sql`t."departmentId" = ${rule.departmentId}::uuid` : Prisma.sql`TRUE`}
      AND ${conditionsSql(rule.conditions, now)}
      AND NOT EXISTS (
        SELECT 1 FROM "AutomationRun" r
        WHERE r."ruleId" = ${rule.id}::uuid AND r."key" = 'time:' || t."id" || ':' || (extract(epoch FROM ${since}) * 1000)::bigint
      )
    ORDER BY ${since}, t."id"
    LIMIT ${limit}`;
  return waitedLongEnough(db, trigger, candidates, now);
}

/** The tickets (in the status) whose wait has lasted the trigger's business days in their department's calendar. */
export async function waitedLongEnough(
  db: Tx | PrismaClient,
  trigger: Extract<AutomationTrigger, { type: 'TIME' }>,
  tickets: readonly TicketRow[],
  now: Date,
): Promise<TicketRow[]> {
  const departments = new Map(
    (await db.department.findMany({ where: { id: { in: [...new Set(tickets.map((ticket) => ticket.departmentId))] } } })).map((row) => [
      row.id,
      row,
    ]),
  );
  const calendars = new Map<string, Awaited<ReturnType<typeof departmentCalendar>>>();
  const due: TicketRow[] = [];
  for (const ticket of tickets) {
    const since = statusSince(trigger, ticket);
    if (!since) continue;
    let calendar = calendars.get(ticket.departmentId);
    if (!calendar) {
      // Holidays from a year back cover every wait a sweep looks at.
      calendar = await departmentCalendar(db, departments.get(ticket.departmentId)!, new Date(now.getTime() - 366 * 86_400_000));
      calendars.set(ticket.departmentId, calendar);
    }
    if (businessDaysBetween(since, now, calendar) >= trigger.businessDays) due.push(ticket);
  }
  return due;
}

/** Runs the time rules whose waits are over at `now`. Returns the tickets they changed. */
export async function runTimeRules({ prisma, publicUrl, logger }: SweepDeps, now: Date): Promise<TicketRow[]> {
  const changed = new Map<string, TicketRow>();
  for (const rule of await enabledRules(prisma, 'TIME')) {
    if (rule.trigger.type !== 'TIME') continue;
    const trigger = rule.trigger;
    for (const candidate of await dueForTimeRule(prisma, rule, now, TICKETS_PER_TIME_RULE)) {
      try {
        const updated = await prisma.$transaction(async (tx) => {
          // Still waiting as it was when read, and still meeting the conditions, now that it is locked.
          const [ticket] = await tx.$queryRaw<TicketRow[]>`SELECT * FROM "Ticket" WHERE "id" = ${candidate.id}::uuid FOR UPDATE`;
          const since = ticket && statusSince(trigger, ticket);
          if (!ticket || !since || since.getTime() !== statusSince(trigger, candidate)?.getTime()) return null;
          if (!inScope(rule, ticket) || !matchesConditions(rule.conditions, ticket, now)) return null;
          return fire(tx, rule, ticket, `time:${ticket.id}:${since.getTime()}`, [], now, publicUrl);
        });
        if (updated) changed.set(updated.id, updated);
      } catch (error) {
        logger?.warn({ err: error, ruleId: rule.id, ticketId: candidate.id }, 'automation could not run a time rule on a ticket');
      }
    }
  }
  return [...changed.values()];
}
