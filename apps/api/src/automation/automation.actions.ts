// What each kind of automation action does to a ticket, inside the transaction of the rule's run.
// Changes go through the ticket rules every person's change goes through (tickets/ticket.service.ts),
// with no actor and the rule named in the event's detail, so the history says "Automation 'X'
// closed the ticket". An action that does not apply to the ticket as it now stands (closing a
// closed ticket, assigning to someone who left the department) is skipped, not an error.
import { isResolved, TicketStatus } from '@studentdesk/domain';
import type { Prisma, Ticket as TicketRow } from '@studentdesk/db';
import { actsIn, isStaffRole } from '../auth/viewer.js';
import { recordEvent, ticketSnapshot } from '../integrations/webhook-events.js';
import { toGlobalId } from '../relay/global-id.js';
import { departmentCalendar } from '../sla/sla.calendar.js';
import { dueTimes } from '../sla/sla.due-times.js';
import { emailFromAutomation } from '../tickets/ticket.notifications.js';
import { addMessage, assignWithin, changePriorityWithin, changeStatusWithin, resolveWithin } from '../tickets/ticket.service.js';
import { canTransition } from '../tickets/ticket.status.js';
import { tagsWithin } from '../tags/tag.service.js';
import { TAGS_PER_TICKET } from '../tags/tag.type.js';
import type { AutomationAction, AutomationActionType, AutomationRuleSpec } from './automation.rules.js';

type Tx = Prisma.TransactionClient;

export interface ActionRun {
  tx: Tx;
  rule: Pick<AutomationRuleSpec, 'id' | 'name'>;
  now: Date;
  publicUrl: string;
  /** Written into the detail of every event the action causes: the rule and the chain of rules behind it. */
  detail: Prisma.InputJsonObject;
}

type Runner<Action> = (run: ActionRun, ticket: TicketRow, action: Action) => Promise<TicketRow>;

const reread = (tx: Tx, ticket: TicketRow) => tx.ticket.findUniqueOrThrow({ where: { id: ticket.id } });

/** Every kind of action: adding one (a tag, a staff notification) is a variant in automation.rules.ts and an entry here. */
export const ACTIONS: { [Type in AutomationActionType]: Runner<Extract<AutomationAction, { type: Type }>> } = {
  async ASSIGN({ tx, now, detail }, ticket, { assigneeId }) {
    if (assigneeId === ticket.assigneeId) return ticket;
    if (assigneeId) {
      const assignee = await tx.user.findUnique({ where: { id: assigneeId }, include: { memberships: true } });
      if (!assignee || assignee.deactivatedAt || !isStaffRole(assignee.role) || !actsIn(assignee, ticket.departmentId)) return ticket;
    }
    const [updated] = await assignWithin(tx, [ticket], null, assigneeId, now, { detail });
    return updated!;
  },

  async SET_STATUS({ tx, now, detail }, ticket, { status }) {
    const plain = !(isResolved(ticket.status) && status === TicketStatus.OPEN);
    if (ticket.status === status || !plain || !canTransition(ticket.status, status)) return ticket;
    const [updated] = await changeStatusWithin(tx, [ticket], status, null, now, detail);
    return updated!;
  },

  async SET_PRIORITY({ tx, detail }, ticket, { priority }) {
    if (ticket.priority === priority) return ticket;
    const [department, policy] = await Promise.all([
      tx.department.findUniqueOrThrow({ where: { id: ticket.departmentId } }),
      tx.slaPolicy.findUnique({ where: { departmentId_priority: { departmentId: ticket.departmentId, priority } } }),
    ]);
    const calendar = await departmentCalendar(tx, department, ticket.createdAt);
    const due = new Map([[ticket.id, dueTimes(ticket.createdAt, policy, calendar, ticket.slaPausedSeconds)]]);
    const [updated] = await changePriorityWithin(tx, [ticket], priority, null, due, { detail });
    return updated!;
  },

  async CLOSE({ tx, now, publicUrl, detail }, ticket, { body }) {
    if (ticket.status === TicketStatus.CLOSED) return ticket;
    const resolved = isResolved(ticket.status) ? ticket : await resolveWithin(tx, ticket, null, body, null, publicUrl, now, detail);
    const [closed] = await changeStatusWithin(tx, [resolved], TicketStatus.CLOSED, null, now, detail);
    return closed!;
  },

  async EMAIL_STUDENT({ tx, publicUrl }, ticket, { subject, body }) {
    await emailFromAutomation(tx, publicUrl, ticket, subject, body);
    return ticket;
  },

  async WEBHOOK({ tx, rule }, ticket) {
    await recordEvent(tx, 'automation.fired', {
      rule: { id: toGlobalId('AutomationRule', rule.id), name: rule.name },
      ticket: ticketSnapshot(ticket),
    });
    return ticket;
  },

  async ADD_MESSAGE({ tx, now, publicUrl, detail }, ticket, { body, internal }) {
    if (ticket.status === TicketStatus.CLOSED) return ticket;
    await addMessage(tx, ticket, null, 'staff', body, internal, publicUrl, now, null, detail);
    return reread(tx, ticket);
  },

  async ADD_TAGS({ tx, now, detail }, ticket, { tagIds }) {
    // Tags deleted since the rule was saved are left out; a ticket already full of tags is left as it is.
    const tags = await tx.tag.findMany({ where: { id: { in: tagIds } } });
    const current = await tx.ticketTag.count({ where: { ticketId: ticket.id } });
    if (!tags.length || current + tags.length > TAGS_PER_TICKET) return ticket;
    return tagsWithin(tx, ticket, null, { add: tags, removeIds: [] }, now, detail);
  },
};

/** Runs one action of a rule. */
export function runAction(run: ActionRun, ticket: TicketRow, action: AutomationAction): Promise<TicketRow> {
  const runner = ACTIONS[action.type] as Runner<AutomationAction>;
  return runner(run, ticket, action);
}
