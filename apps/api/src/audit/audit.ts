// Writing the audit log. Call recordAudit with the transaction client of the change itself, so
// the entry exists exactly when the change does.
import type { Prisma, PrismaClient } from '@studentdesk/db';
import type { Viewer } from '../auth/viewer.js';
import type { Clock } from '../clock.js';
import type { NodeTypeName } from '../relay/global-id.js';
import type { AuditAction } from './audit-action.js';

/** The client of a transaction, or the plain client for a single-row change. */
export type AuditWriter = Pick<PrismaClient, 'auditEntry'> | Prisma.TransactionClient;

/** Who acted and from where: a resolver's context has all three. */
export interface AuditSource {
  viewer: Viewer;
  clientAddress?: string;
  app: { clock: Clock };
}

export interface AuditRecord {
  action: AuditAction;
  subject?: { type: NodeTypeName; id: string };
  /** Non-personal values only (ids, roles, counts): the log is never rewritten, not even on erasure. */
  details?: Prisma.InputJsonObject;
  /** The person acting when the viewer is not yet them (accepting an invitation, first sign-in). */
  actorUserId?: string;
}

export async function recordAudit(db: AuditWriter, source: AuditSource, record: AuditRecord): Promise<void> {
  const { viewer } = source;
  await db.auditEntry.create({
    data: {
      at: source.app.clock.now(),
      action: record.action,
      actorUserId: record.actorUserId ?? (viewer.kind === 'user' ? viewer.user.id : null),
      actorApiKeyId: viewer.kind === 'apiKey' ? viewer.apiKey.id : null,
      address: source.clientAddress ?? null,
      subjectType: record.subject?.type ?? null,
      subjectId: record.subject?.id ?? null,
      details: record.details ?? {},
    },
  });
}
