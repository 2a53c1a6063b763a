// Canned responses: each department's plus the school-wide ones; managers keep their department's,
// admins any. Rendering fills the placeholders from the ticket being answered.
import type { CannedResponse as CannedResponseRow, Department as DepartmentRow } from '@studentdesk/db';
import { formatTicketNumber } from '@studentdesk/domain';
import { enforce, primaryDepartmentOf, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import { loadTicketAsStaff } from '../tickets/ticket.service.js';
import * as cannedResponsePolicy from './canned-response.policy.js';
import type { CreateCannedResponseInput, UpdateCannedResponseInput } from './canned-response.type.js';
import { firstName, renderPlaceholders, unknownPlaceholders } from './placeholders.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';

function checkedText(title: string, body: string): { title: string; body: string } {
  const trimmedTitle = title.trim();
  const trimmedBody = body.trim();
  if (!trimmedTitle) throw badInput('Give the canned response a title.', 'title');
  if (!trimmedBody) throw badInput('Write the text of the canned response.', 'body');
  const unknown = unknownPlaceholders(trimmedBody);
  if (unknown.length)
    throw badInput(`Unknown placeholder${unknown.length > 1 ? 's' : ''}: ${unknown.map((name) => `{{${name}}}`).join(', ')}.`, 'body');
  return { title: trimmedTitle, body: trimmedBody };
}

/** A department's canned responses and the school-wide ones, by title. Staff see their own department's. */
export async function listCannedResponses(ctx: Context, departmentGlobalId: string | null | undefined): Promise<CannedResponseRow[]> {
  const user = requireStaff(ctx.viewer);
  const departmentId = departmentGlobalId ? fromGlobalId(departmentGlobalId, 'Department', 'departmentId') : primaryDepartmentOf(user);
  enforce(cannedResponsePolicy.canList(ctx.viewer, departmentId));
  return ctx.prisma.cannedResponse.findMany({
    where: cannedResponsePolicy.listWhere(departmentId),
    orderBy: [{ title: 'asc' }, { id: 'asc' }],
    take: LIST_MAXIMUM.cannedResponses,
  });
}

export async function createCannedResponse(ctx: Context, input: CreateCannedResponseInput): Promise<CannedResponseRow> {
  const user = requireStaff(ctx.viewer);
  const departmentId = input.departmentId ? fromGlobalId(input.departmentId, 'Department', 'departmentId') : null;
  enforce(cannedResponsePolicy.canKeep(ctx.viewer, departmentId));
  if (departmentId && !(await ctx.loaders.department.load(departmentId))) throw badInput('There is no such department.', 'departmentId');
  return ctx.prisma.cannedResponse.create({ data: { ...checkedText(input.title, input.body), departmentId, createdById: user.id } });
}

export async function updateCannedResponse(ctx: Context, input: UpdateCannedResponseInput): Promise<CannedResponseRow> {
  requireStaff(ctx.viewer);
  const existing = await ctx.prisma.cannedResponse.findUnique({ where: { id: fromGlobalId(input.id, 'CannedResponse', 'id') } });
  if (!existing) throw notFound('There is no canned response with this ID.');
  enforce(cannedResponsePolicy.canKeep(ctx.viewer, existing.departmentId));
  const text = checkedText(input.title ?? existing.title, input.body ?? existing.body);
  return ctx.prisma.cannedResponse.update({ where: { id: existing.id }, data: text });
}

/** The body with placeholders filled in for one ticket the viewer works on. */
export async function renderForTicket(ctx: Context, cannedResponse: CannedResponseRow, ticketGlobalId: string): Promise<string> {
  const { actor: agent, ticket } = await loadTicketAsStaff(ctx, ticketGlobalId);
  const department = (await ctx.loaders.department.load(ticket.departmentId)) as DepartmentRow;
  return renderPlaceholders(cannedResponse.body, {
    'student.firstName': firstName(ticket.contactName),
    'student.name': ticket.contactName,
    'ticket.number': formatTicketNumber(ticket.number),
    'ticket.title': ticket.title,
    'agent.firstName': firstName(agent.name),
    'agent.name': agent.name,
    'department.name': department.name,
  });
}
