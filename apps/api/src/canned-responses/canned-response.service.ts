// Canned responses: each department's plus the school-wide ones; managers keep their department's,
// admins any. Rendering fills the placeholders from the ticket being answered.
import type { CannedResponse as CannedResponseRow, Department as DepartmentRow, User as UserRow } from '@studentdesk/db';
import { requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, forbidden, notFound } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import { formatTicketNumber } from '../tickets/ticket.number.js';
import { loadTicketAsStaff } from '../tickets/ticket.service.js';
import type { CreateCannedResponseInput, UpdateCannedResponseInput } from './canned-response.type.js';
import { firstName, renderPlaceholders, unknownPlaceholders } from './placeholders.js';

/** Managers keep their own department's canned responses; admins any, and the school-wide ones. */
export function assertMayEdit(user: Pick<UserRow, 'role' | 'departmentId'>, departmentId: string | null): void {
  if (user.role === 'ADMIN') return;
  if (user.role !== 'MANAGER') throw forbidden('Only managers and admins can change canned responses.');
  if (departmentId === null) throw forbidden('Only admins can change canned responses used by every department.');
  if (departmentId !== user.departmentId) throw forbidden("Managers can change their own department's canned responses only.");
}

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
  const departmentId = departmentGlobalId ? fromGlobalId(departmentGlobalId, 'Department', 'departmentId') : user.departmentId;
  if (departmentId && departmentId !== user.departmentId && user.role === 'STAFF') {
    throw forbidden("Staff see their own department's canned responses.");
  }
  return ctx.prisma.cannedResponse.findMany({
    where: { OR: [{ departmentId: null }, ...(departmentId ? [{ departmentId }] : [])] },
    orderBy: [{ title: 'asc' }, { id: 'asc' }],
  });
}

export async function createCannedResponse(ctx: Context, input: CreateCannedResponseInput): Promise<CannedResponseRow> {
  const user = requireStaff(ctx.viewer);
  const departmentId = input.departmentId ? fromGlobalId(input.departmentId, 'Department', 'departmentId') : null;
  assertMayEdit(user, departmentId);
  if (departmentId && !(await ctx.loaders.department.load(departmentId))) throw badInput('There is no such department.', 'departmentId');
  return ctx.prisma.cannedResponse.create({ data: { ...checkedText(input.title, input.body), departmentId, createdById: user.id } });
}

export async function updateCannedResponse(ctx: Context, input: UpdateCannedResponseInput): Promise<CannedResponseRow> {
  const user = requireStaff(ctx.viewer);
  const existing = await ctx.prisma.cannedResponse.findUnique({ where: { id: fromGlobalId(input.id, 'CannedResponse', 'id') } });
  if (!existing) throw notFound('There is no canned response with this ID.');
  assertMayEdit(user, existing.departmentId);
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
