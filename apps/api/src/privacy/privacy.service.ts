// The admins' privacy page over GraphQL: finding a person, and retention rules with their dry run.
// Exports are an HTTP download (export.routes.ts); erasure is erasure.service.ts.
import type { RetentionRuleKind, User as UserRow } from '@studentdesk/db';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { enforce } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { toGlobalId } from '../relay/global-id.js';
import { canManagePrivacy } from './privacy.policy.js';
import {
  previewRetention,
  RETENTION_MAX_DAYS,
  RETENTION_MIN_DAYS,
  RETENTION_RULE_MEANINGS,
  retentionRules,
  type RetentionPreview,
  type RetentionRuleView,
} from './retention.js';

/** People whose name, email or student number contains the text, erased ones last. */
export async function findPeople(ctx: Context, search: string): Promise<UserRow[]> {
  enforce(canManagePrivacy(ctx.viewer));
  const text = search.trim();
  if (text.length < 2) throw badInput('Type at least 2 characters of a name, email address or student number.', 'search');
  return ctx.prisma.user.findMany({
    where: {
      OR: [
        { name: { contains: text, mode: 'insensitive' } },
        { email: { contains: text, mode: 'insensitive' } },
        { studentNumber: { contains: text, mode: 'insensitive' } },
      ],
    },
    orderBy: [{ erasedAt: { sort: 'desc', nulls: 'first' } }, { name: 'asc' }, { id: 'asc' }],
    take: LIST_MAXIMUM.privacyPeople,
  });
}

const withMeaning = (rule: RetentionRuleView) => ({ ...rule, meaning: RETENTION_RULE_MEANINGS[rule.kind] });

export async function listRetentionRules(ctx: Context) {
  enforce(canManagePrivacy(ctx.viewer));
  return (await retentionRules(ctx.prisma)).map(withMeaning);
}

function checkDays(afterDays: number) {
  if (!Number.isInteger(afterDays) || afterDays < RETENTION_MIN_DAYS || afterDays > RETENTION_MAX_DAYS) {
    throw badInput(`afterDays must be a whole number of days from ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS}.`, 'afterDays');
  }
}

export async function setRetentionRule(ctx: Context, kind: RetentionRuleKind, afterDays: number, enabled: boolean) {
  enforce(canManagePrivacy(ctx.viewer));
  checkDays(afterDays);
  const updatedAt = ctx.app.clock.now();
  const rule = await ctx.prisma.$transaction(async (tx) => {
    const saved = await tx.retentionRule.upsert({
      where: { kind },
      create: { kind, afterDays, enabled, updatedAt },
      update: { afterDays, enabled, updatedAt },
    });
    await recordAudit(tx, ctx, { action: AuditAction.RETENTION_RULE_CHANGED, details: { rule: kind, afterDays, enabled } });
    return saved;
  });
  return withMeaning(rule);
}

/** The dry run: the saved days, or `afterDays` to try another value before saving it. */
export async function previewRetentionRule(ctx: Context, kind: RetentionRuleKind, afterDays?: number | null): Promise<RetentionPreview> {
  enforce(canManagePrivacy(ctx.viewer));
  if (afterDays !== undefined && afterDays !== null) checkDays(afterDays);
  const days = afterDays ?? (await retentionRules(ctx.prisma)).find((rule) => rule.kind === kind)!.afterDays;
  const preview = await previewRetention(ctx.prisma, kind, days, ctx.app.clock.now());
  const type = kind === 'CLOSED_TICKETS' ? 'Ticket' : 'User';
  return { ...preview, sampleIds: preview.sampleIds.map((id) => toGlobalId(type, id)) };
}
