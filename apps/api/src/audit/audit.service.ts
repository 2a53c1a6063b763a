// Reading the audit log: admins page through it newest first, narrowed by action, actor, record
// and time; the console's export pages through the same list.
import type { AuditEntry as AuditEntryRow, Prisma } from '@studentdesk/db';
import { enforce } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { fromGlobalId, parseGlobalId, toGlobalId, type NodeTypeName } from '../relay/global-id.js';
import { listOrder, pageRequest, paginate, type PageArgs } from '../relay/pagination.js';
import type { AuditAction } from './audit-action.js';
import { canReadAuditLog } from './audit.policy.js';
import type { AuditLogFilter } from './audit.type.js';

const AUDIT_ORDER = listOrder<AuditEntryRow>('auditLog', [
  { column: 'at', kind: 'time', descending: true },
  { column: 'id', kind: 'uuid', descending: true },
]);

function auditWhere(filter: AuditLogFilter | null | undefined): Prisma.AuditEntryWhereInput {
  if (!filter) return {};
  const where: Prisma.AuditEntryWhereInput = {};
  if (filter.actions?.length) where.action = { in: filter.actions };
  if (filter.actorId) where.actorUserId = fromGlobalId(filter.actorId, 'User', 'filter.actorId');
  if (filter.subjectId) {
    const subject = parseGlobalId(filter.subjectId);
    if (!subject) throw badInput('filter.subjectId is not a valid ID.', 'filter.subjectId');
    Object.assign(where, { subjectType: subject.type, subjectId: subject.id });
  }
  if (filter.since && filter.until && filter.since >= filter.until) throw badInput('since must be before until.', 'filter.since');
  if (filter.since || filter.until) where.at = { ...(filter.since && { gte: filter.since }), ...(filter.until && { lt: filter.until }) };
  return where;
}

/** An entry as the schema shows it: the subject as a global ID, details as JSON text. */
export interface AuditEntryView {
  id: string;
  at: Date;
  action: AuditAction;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  address: string | null;
  subjectType: string | null;
  subjectId: string | null;
  details: string;
}

const view = (row: AuditEntryRow): AuditEntryView => ({
  ...row,
  action: row.action as AuditAction,
  subjectId: row.subjectType && row.subjectId ? toGlobalId(row.subjectType as NodeTypeName, row.subjectId) : null,
  details: JSON.stringify(row.details),
});

export function listAuditEntries(ctx: Context, page: PageArgs, filter?: AuditLogFilter | null) {
  enforce(canReadAuditLog(ctx.viewer));
  const where = auditWhere(filter);
  return paginate(
    pageRequest(page, AUDIT_ORDER),
    (window) =>
      ctx.prisma.auditEntry.findMany({
        where: { AND: [where, window.prismaWhere()] },
        orderBy: window.prismaOrderBy(),
        take: window.limit,
      }),
    view,
  );
}
