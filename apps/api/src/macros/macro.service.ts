// Macros: one click that sets a ticket's fields and posts a reply. Applying one is ONE transaction
// through the very writes a person's own actions use (ticket.service.ts, tags/tag.service.ts), so
// status rules, SLA clocks, history, the student's email and webhooks are the same as by hand; a
// reply fills its placeholders as canned responses do, and respects `basedOn` as reply does.
import { TicketEventType, type Macro as MacroRow, type Tag as TagRow, type Ticket as TicketRow } from '@studentdesk/db';
import { TicketStatus } from '@studentdesk/domain';
import { enforce, requireStaff } from '../auth/viewer.js';
import { fillPlaceholders } from '../canned-responses/canned-response.service.js';
import { unknownPlaceholders } from '../canned-responses/placeholders.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { byTagName } from '../loaders/loaders.js';
import { fromGlobalId, toGlobalId } from '../relay/global-id.js';
import { loadTags, tagsWithin } from '../tags/tag.service.js';
import { refuseIfChangedSince } from '../tickets/reply-conflict.js';
import {
  addMessage,
  afterChange,
  assertPlainStatusChange,
  assignWithin,
  changePriorityWithin,
  changeStatusWithin,
  dueTimesAt,
  loadAssignee,
  loadTicketAsStaff,
  resolveWithin,
} from '../tickets/ticket.service.js';
import { assertTransition } from '../tickets/ticket.status.js';
import * as macroPolicy from './macro.policy.js';
import type { SaveMacroInput } from './macro.type.js';

/** The most macros one person keeps, and the most shared with one department. */
export const MACROS_PER_AUDIENCE = 50;

/** The viewer's own macros and those shared with their departments, by name. */
export function listMacros(ctx: Context): Promise<MacroRow[]> {
  const user = requireStaff(ctx.viewer);
  return ctx.prisma.macro.findMany({
    where: macroPolicy.listWhere(user),
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: LIST_MAXIMUM.macros,
  });
}

/** A macro the viewer may read; NOT_FOUND for one they may not even see. */
async function loadMacro(ctx: Context, globalId: string, field: string): Promise<MacroRow> {
  requireStaff(ctx.viewer);
  const macro = await ctx.loaders.macro.load(fromGlobalId(globalId, 'Macro', field));
  if (!macro || !macroPolicy.canRead(ctx.viewer, macro).allowed) throw notFound('There is no macro with this ID.');
  return macro;
}

export async function saveMacro(ctx: Context, input: SaveMacroInput): Promise<MacroRow> {
  const user = requireStaff(ctx.viewer);
  const existing = input.id ? await loadMacro(ctx, input.id, 'id') : null;
  const departmentId = existing
    ? existing.departmentId
    : input.departmentId
      ? fromGlobalId(input.departmentId, 'Department', 'departmentId')
      : null;
  enforce(existing ? macroPolicy.canChange(ctx.viewer, existing) : macroPolicy.canKeep(ctx.viewer, departmentId));
  if (departmentId && !(await ctx.loaders.department.load(departmentId))) throw badInput('There is no such department.', 'departmentId');

  const name = input.name.trim();
  if (!name) throw badInput('Name the macro.', 'name');
  const replyBody = input.replyBody?.trim() || null;
  const unknown = replyBody ? unknownPlaceholders(replyBody) : [];
  if (unknown.length) {
    throw badInput(`Unknown placeholder${unknown.length > 1 ? 's' : ''}: ${unknown.map((each) => `{{${each}}}`).join(', ')}.`, 'replyBody');
  }
  const replyInternal = input.replyInternal ?? false;
  if (input.status === TicketStatus.NEW) throw badInput('A macro cannot make a ticket new again.', 'status');
  if (input.status === TicketStatus.RESOLVED && (!replyBody || replyInternal)) {
    throw badInput('A macro that resolves needs a public reply: it is the resolution the student reads.', 'replyBody');
  }
  const assignToMe = input.assignToMe ?? false;
  if (assignToMe && input.assigneeId) throw badInput('Assign to a colleague or to whoever applies the macro, not both.', 'assigneeId');
  const assignee = input.assigneeId ? await loadAssignee(ctx, input.assigneeId, departmentId ? [departmentId] : []) : null;
  const tags = await loadTags(ctx, input.tagIds ?? [], 'tagIds');
  if (!input.status && !input.priority && !tags.length && !assignee && !assignToMe && !replyBody) {
    throw badInput('Choose what the macro does: a status, a priority, tags, an assignee or a reply.', 'name');
  }

  const data = {
    name,
    status: input.status ?? null,
    priority: input.priority ?? null,
    tagIds: tags.map((tag) => tag.id),
    assigneeId: assignee?.id ?? null,
    assignToMe,
    replyBody,
    replyInternal,
  };
  if (existing) return ctx.prisma.macro.update({ where: { id: existing.id }, data });
  const audience = departmentId ? { departmentId } : { ownerId: user.id };
  if ((await ctx.prisma.macro.count({ where: audience })) >= MACROS_PER_AUDIENCE) {
    throw badInput(
      `Keep at most ${MACROS_PER_AUDIENCE} macros ${departmentId ? 'per department' : 'of your own'}: delete one first.`,
      'name',
    );
  }
  return ctx.prisma.macro.create({ data: { ...data, ...audience } });
}

/** Deletes a macro; returns its ID. */
export async function deleteMacro(ctx: Context, globalId: string): Promise<string> {
  const macro = await loadMacro(ctx, globalId, 'id');
  enforce(macroPolicy.canChange(ctx.viewer, macro));
  await ctx.prisma.macro.deleteMany({ where: { id: macro.id } });
  return globalId;
}

/** The tags a macro adds that still exist, by name. */
export async function macroTags(ctx: Context, macro: MacroRow): Promise<TagRow[]> {
  const tags = await Promise.all(macro.tagIds.map((id) => ctx.loaders.tag.load(id)));
  return tags.filter((tag): tag is TagRow => tag !== null).sort(byTagName);
}

/** The macro's reply as it would be posted on this ticket by the viewer (null: it posts none). */
export async function replyFor(ctx: Context, macro: MacroRow, ticketGlobalId: string): Promise<string | null> {
  if (!macro.replyBody) return null;
  const { actor, ticket } = await loadTicketAsStaff(ctx, ticketGlobalId);
  return fillPlaceholders(ctx, macro.replyBody, ticket, actor);
}

/** Applies a macro to a ticket the viewer works, in one transaction; returns the ticket as it now is. */
export async function applyMacro(ctx: Context, ticketGlobalId: string, macroGlobalId: string, basedOn?: Date | null): Promise<TicketRow> {
  const { actor, ticket } = await loadTicketAsStaff(ctx, ticketGlobalId);
  const macro = await loadMacro(ctx, macroGlobalId, 'macroId');
  if (ticket.status === TicketStatus.CLOSED) throw badInput('This ticket is closed. Reopen it before applying a macro.', 'ticketId');
  const { status, priority } = macro;
  if (status && status !== TicketStatus.RESOLVED && status !== ticket.status) assertPlainStatusChange(ticket, status);
  if (status === TicketStatus.RESOLVED) assertTransition(ticket.status, TicketStatus.RESOLVED);
  const assigneeId = macro.assignToMe ? actor.id : macro.assigneeId;
  const assignee = assigneeId ? await loadAssignee(ctx, toGlobalId('User', assigneeId), [ticket.departmentId]) : null;
  const tags = await macroTags(ctx, macro);
  const body = macro.replyBody ? await fillPlaceholders(ctx, macro.replyBody, ticket, actor) : null;
  const due = priority && priority !== ticket.priority ? await dueTimesAt(ctx, [ticket], priority) : null;
  const now = ctx.app.clock.now();
  const detail = { macroId: macro.id };
  const { publicUrl } = ctx.app.config;

  const updated = await ctx.prisma.$transaction(async (tx) => {
    if (basedOn) await refuseIfChangedSince(tx, ctx.viewer, ticket, basedOn);
    await tx.ticketEvent.create({
      data: { ticketId: ticket.id, actorId: actor.id, type: TicketEventType.MACRO_APPLIED, detail: { ...detail, macroName: macro.name } },
    });
    const reread = () => tx.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    let current = ticket;
    // The reply first: a status the macro sets (waiting on the student, closed) follows the answer.
    if (body && status !== TicketStatus.RESOLVED) {
      await addMessage(tx, current, actor, 'staff', body, macro.replyInternal, publicUrl, now);
      await tx.replyDraft.deleteMany({ where: { userId: actor.id, ticketId: ticket.id } });
      current = await reread();
    }
    if (assignee && assignee.id !== current.assigneeId)
      current = (await assignWithin(tx, [current], actor, assignee.id, now, { detail }))[0]!;
    if (due && priority) current = (await changePriorityWithin(tx, [current], priority, actor, due, { detail }))[0]!;
    if (tags.length) current = await tagsWithin(tx, current, actor, { add: tags, removeIds: [] }, now, detail);
    if (status === TicketStatus.RESOLVED) current = await resolveWithin(tx, current, actor, body!, null, publicUrl, now);
    else if (status && status !== current.status) current = (await changeStatusWithin(tx, [current], status, actor, now, detail))[0]!;
    return current;
  });
  ctx.loaders.tagsByTicket.clear(ticket.id);
  ctx.loaders.eventsByTicket.clear(ticket.id);
  return afterChange(ctx, updated);
}
