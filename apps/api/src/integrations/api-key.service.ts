// API keys: admins create, list and revoke them. The key is returned once; a revoked key is kept
// (revokedAt) so the list shows what existed and when it stopped.
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import type { ApiKey as ApiKeyRow } from '@studentdesk/db';
import { generateApiKey } from '../auth/api-keys.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import { newestFirst, paginate, pageRequest, type PageArgs } from '../relay/pagination.js';
import { enforce, requireUser } from '../auth/viewer.js';
import * as apiKeyPolicy from './api-key.policy.js';
import type { CreateApiKeyInput } from './api-key.type.js';

export async function createApiKey(ctx: Context, input: CreateApiKeyInput, now = new Date()): Promise<{ apiKey: ApiKeyRow; key: string }> {
  enforce(apiKeyPolicy.canManage(ctx.viewer));
  const admin = requireUser(ctx.viewer);
  const name = input.name.trim();
  if (!name) throw badInput('Name the key after the system that will use it.', 'name');
  if (input.expiresAt && input.expiresAt <= now) throw badInput('The expiry must be in the future.', 'expiresAt');
  const { key, prefix, keyHash } = generateApiKey();
  const scopes = [...new Set(input.scopes)];
  // The identity provider holds this key: it manages people, and has no business reading tickets.
  if (scopes.includes('scim:provision') && scopes.length > 1) {
    throw badInput('A key with scim:provision is for the identity provider alone: create it without other scopes.', 'scopes');
  }
  const apiKey = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { name, prefix, keyHash, scopes, expiresAt: input.expiresAt ?? null, createdById: admin.id },
    });
    await recordAudit(tx, ctx, { action: AuditAction.API_KEY_CREATED, subject: { type: 'ApiKey', id: created.id }, details: { scopes } });
    return created;
  });
  return { apiKey, key };
}

const API_KEY_ORDER = newestFirst<ApiKeyRow>('apiKeys');

export async function listApiKeys(ctx: Context, args: { page: PageArgs; includeRevoked: boolean }) {
  enforce(apiKeyPolicy.canManage(ctx.viewer));
  return paginate(pageRequest(args.page, API_KEY_ORDER), (window) =>
    ctx.prisma.apiKey.findMany({
      where: { ...(args.includeRevoked ? {} : { revokedAt: null }), ...window.prismaWhere() },
      orderBy: window.prismaOrderBy(),
      take: window.limit,
    }),
  );
}

/**
 * Revokes at once: keys are checked on every request. The key's webhooks stop with it (they carry
 * what the key may read). Revoking twice keeps the first time.
 */
export async function revokeApiKey(ctx: Context, globalId: string): Promise<ApiKeyRow> {
  enforce(apiKeyPolicy.canManage(ctx.viewer));
  const id = fromGlobalId(globalId, 'ApiKey', 'id');
  const existing = await ctx.prisma.apiKey.findUnique({ where: { id } });
  if (!existing) throw notFound('There is no API key with this ID.');
  if (existing.revokedAt) return existing;
  return ctx.prisma.$transaction(async (tx) => {
    const revoked = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    const { count } = await tx.webhook.updateMany({ where: { createdByApiKeyId: id }, data: { active: false } });
    await recordAudit(tx, ctx, {
      action: AuditAction.API_KEY_REVOKED,
      subject: { type: 'ApiKey', id },
      details: { webhooksStopped: count },
    });
    return revoked;
  });
}
