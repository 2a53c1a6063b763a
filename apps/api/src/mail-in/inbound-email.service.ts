// What admins do with inbound email (inbound-email.resolver.ts): list it, release a held mail (it is
// routed again without the checks a release overrides, receive.ts) or discard it; and give a
// department its address.
import type { Department as DepartmentRow, InboundEmail as InboundRow, InboundEmailStatus } from '@studentdesk/db';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { enforce, viewerUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import * as departmentPolicy from '../departments/department.policy.js';
import { badInput, isUniqueViolation, notFound } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import { listOrder, pageRequest, paginate, type PageArgs } from '../relay/pagination.js';
import * as policy from './inbound-email.policy.js';
import type { DepartmentEmailInput } from './inbound-email.type.js';
import { decideAgain } from './receive.js';

const NEWEST_FIRST = listOrder<InboundRow>('inboundEmails', [
  { column: 'receivedAt', kind: 'time', descending: true },
  { column: 'id', kind: 'uuid', descending: true },
]);

export function listInboundEmail(ctx: Context, status: InboundEmailStatus[] | null | undefined, page: PageArgs) {
  enforce(policy.canRead(ctx.viewer));
  return paginate(pageRequest(page, NEWEST_FIRST), (window) =>
    ctx.prisma.inboundEmail.findMany({
      where: { ...(status?.length ? { status: { in: status } } : {}), ...window.prismaWhere() },
      orderBy: window.prismaOrderBy(),
      take: window.limit,
    }),
  );
}

async function heldEmail(ctx: Context, globalId: string): Promise<InboundRow> {
  const row = await ctx.prisma.inboundEmail.findUnique({ where: { id: fromGlobalId(globalId, 'InboundEmail', 'id') } });
  if (!row) throw notFound('There is no inbound email with this ID.');
  if (row.status !== 'HELD') throw badInput('Only a held email can be released or discarded.', 'id');
  return row;
}

/** Routes a held mail again, as if it had passed the checks it was held by; BAD_USER_INPUT with the reason when it still cannot go anywhere. */
export async function releaseInboundEmail(ctx: Context, globalId: string): Promise<InboundRow> {
  enforce(policy.canDecide(ctx.viewer));
  const row = await heldEmail(ctx, globalId);
  const decision = await decideAgain(ctx.app, row);
  if (decision.status === 'HELD') throw badInput(decision.reason, 'id');
  // Two admins releasing at once: the ticket or reply is one (the Message-ID is its idempotency key), and so is this change.
  await ctx.prisma.inboundEmail.updateMany({
    where: { id: row.id, status: 'HELD' },
    data: {
      status: 'ACCEPTED',
      reason: null,
      departmentId: decision.departmentId,
      ticketId: decision.ticketId,
      messageRowId: decision.messageRowId,
      decidedAt: ctx.app.clock.now(),
      decidedById: viewerUser(ctx.viewer)?.id ?? null,
    },
  });
  return ctx.prisma.inboundEmail.findUniqueOrThrow({ where: { id: row.id } });
}

export async function discardInboundEmail(ctx: Context, globalId: string): Promise<InboundRow> {
  enforce(policy.canDecide(ctx.viewer));
  const row = await heldEmail(ctx, globalId);
  return ctx.prisma.inboundEmail.update({
    where: { id: row.id },
    data: { status: 'DISCARDED', decidedAt: ctx.app.clock.now(), decidedById: viewerUser(ctx.viewer)?.id ?? null },
  });
}

const ADDRESS = /^[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/;

export async function setDepartmentEmail(ctx: Context, input: DepartmentEmailInput): Promise<DepartmentRow> {
  enforce(departmentPolicy.canManageDepartments(ctx.viewer));
  const id = fromGlobalId(input.departmentId, 'Department', 'departmentId');
  const inboundAddress = input.inboundAddress?.trim().toLowerCase() || null;
  // No "+": that is where reply tokens go (it+<token>@…).
  if (inboundAddress && !ADDRESS.test(inboundAddress))
    throw badInput('Give an address such as it@school.edu (letters, digits, dots, hyphens; no "+").', 'inboundAddress');
  if (!(await ctx.prisma.department.findUnique({ where: { id }, select: { id: true } })))
    throw notFound('There is no department with this ID.');
  try {
    const updated = await ctx.prisma.$transaction(async (tx) => {
      const changes = { inboundAddress, holdUnknownSenders: input.holdUnknownSenders };
      const saved = await tx.department.update({ where: { id }, data: changes });
      await recordAudit(tx, ctx, { action: AuditAction.DEPARTMENT_UPDATED, subject: { type: 'Department', id }, details: changes });
      return saved;
    });
    ctx.loaders.department.clear(id);
    return updated;
  } catch (error) {
    if (isUniqueViolation(error)) throw badInput('Another department already has this address.', 'inboundAddress');
    throw error;
  }
}

/** The whole email a ticket message was taken from (quotes and signature included); null for a message not from email. */
export async function originalEmailText(ctx: Context, messageRowId: string): Promise<string | null> {
  const email = await ctx.prisma.inboundEmail.findFirst({ where: { messageRowId }, select: { originalText: true } });
  return email?.originalText ?? null;
}

/** The whole email a ticket was reported with; null for a ticket not reported by email. */
export async function originalReportText(ctx: Context, ticketId: string): Promise<string | null> {
  const email = await ctx.prisma.inboundEmail.findFirst({
    where: { ticketId, messageRowId: null, status: 'ACCEPTED' },
    orderBy: { receivedAt: 'asc' },
    select: { originalText: true },
  });
  return email?.originalText ?? null;
}
