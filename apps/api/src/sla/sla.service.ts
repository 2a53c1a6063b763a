// A department's SLA targets per priority: read by staff, set by its manager or an admin.
import type { Department as DepartmentRow, SlaPolicy as SlaPolicyRow } from '@studentdesk/db';
import { recordAudit } from '../audit/audit.js';
import { AuditAction } from '../audit/audit-action.js';
import { enforce } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import * as slaPolicy from './sla.policy.js';
import type { SetSlaPolicyInput } from './sla.type.js';

/** The department behind a global ID, or NOT_FOUND. */
export async function loadDepartment(ctx: Context, globalId: string, field = 'departmentId'): Promise<DepartmentRow> {
  const department = await ctx.loaders.department.load(fromGlobalId(globalId, 'Department', field));
  if (!department) throw notFound('There is no department with this ID.');
  return department;
}

const PRIORITY_ORDER = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];

export async function listSlaPolicies(ctx: Context, department: DepartmentRow): Promise<SlaPolicyRow[]> {
  enforce(slaPolicy.canRead(ctx.viewer));
  const rows = await ctx.prisma.slaPolicy.findMany({ where: { departmentId: department.id } });
  return rows.sort((a, b) => PRIORITY_ORDER.indexOf(a.priority) - PRIORITY_ORDER.indexOf(b.priority));
}

export async function setSlaPolicy(ctx: Context, input: SetSlaPolicyInput): Promise<SlaPolicyRow> {
  const department = await loadDepartment(ctx, input.departmentId);
  enforce(slaPolicy.canManage(ctx.viewer, department.id));
  if (input.resolutionMinutes < input.firstResponseMinutes)
    throw badInput('The resolution target cannot be shorter than the first-response target.', 'resolutionMinutes');
  const targets = {
    firstResponseMinutes: input.firstResponseMinutes,
    resolutionMinutes: input.resolutionMinutes,
    businessHoursOnly: input.businessHoursOnly ?? true,
  };
  return ctx.prisma.$transaction(async (tx) => {
    const policy = await tx.slaPolicy.upsert({
      where: { departmentId_priority: { departmentId: department.id, priority: input.priority } },
      create: { departmentId: department.id, priority: input.priority, ...targets },
      update: targets,
    });
    await recordAudit(tx, ctx, {
      action: AuditAction.SLA_POLICY_SET,
      subject: { type: 'SlaPolicy', id: policy.id },
      details: { departmentId: department.id, priority: input.priority, ...targets },
    });
    return policy;
  });
}

/** Removes a priority's targets: tickets reported at that priority from now on get no due times. */
export async function removeSlaPolicy(ctx: Context, globalId: string): Promise<SlaPolicyRow> {
  const row = await ctx.prisma.slaPolicy.findUnique({ where: { id: fromGlobalId(globalId, 'SlaPolicy', 'id') } });
  if (!row) throw notFound('There is no SLA policy with this ID.');
  enforce(slaPolicy.canManage(ctx.viewer, row.departmentId));
  await ctx.prisma.$transaction(async (tx) => {
    await tx.slaPolicy.delete({ where: { id: row.id } });
    await recordAudit(tx, ctx, {
      action: AuditAction.SLA_POLICY_REMOVED,
      subject: { type: 'SlaPolicy', id: row.id },
      details: { departmentId: row.departmentId, priority: row.priority },
    });
  });
  return row;
}
