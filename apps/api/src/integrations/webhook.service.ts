// Webhooks: admins (every webhook) and API keys with webhooks:manage (the webhooks they created)
// say where events go, see the deliveries with the receiver's answers, and redeliver
// (webhook.policy.ts). Delivering is integrations/webhook-delivery.ts.
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import type { DeliveryStatus, Webhook as WebhookRow, WebhookDelivery as DeliveryRow } from '@studentdesk/db';
import { enforce, type Viewer } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import { newestFirst, paginate, pageRequest, type PageArgs } from '../relay/pagination.js';
import { internalUrlReason } from './outbound-request.js';
import type { WebhookEventType } from './webhook-events.js';
import * as webhookPolicy from './webhook.policy.js';
import { newWebhookSecret } from './webhook-signature.js';
import type { CreateWebhookInput, UpdateWebhookInput } from './webhook.type.js';

/**
 * An http(s) URL; https in production, where event data must not cross the network in clear.
 * An obviously internal target is refused here already (and any internal one again when delivering).
 */
function receiverUrl(ctx: Context, value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw badInput('The URL is not valid.', 'url');
  }
  const allowed = ctx.app.config.production ? ['https:'] : ['https:', 'http:'];
  if (!allowed.includes(url.protocol)) throw badInput(`The URL must start with ${allowed.map((p) => `${p}//`).join(' or ')}.`, 'url');
  const internal = ctx.app.config.webhooks.allowPrivateTargets ? null : internalUrlReason(url);
  if (internal) throw badInput(`The URL must reach the receiver over the internet: ${internal}.`, 'url');
  return url.toString();
}

/** The events a webhook may receive: an API key's webhook only what that key may read. */
async function assertMayReceive(ctx: Context, ownerKeyId: string | null, events: readonly WebhookEventType[]) {
  const owner = ownerKeyId ? await ctx.prisma.apiKey.findUnique({ where: { id: ownerKeyId } }) : null;
  enforce(webhookPolicy.canReceive(owner, events));
}

/** The API key that owns what this viewer creates; null for an admin. */
const ownerKeyOf = (viewer: Viewer) => (viewer.kind === 'apiKey' ? viewer.apiKey.id : null);

/** A webhook the viewer may manage; NOT_FOUND / FORBIDDEN otherwise. */
async function loadWebhook(ctx: Context, globalId: string, field: string): Promise<WebhookRow> {
  enforce(webhookPolicy.canManageAny(ctx.viewer));
  const webhook = await ctx.prisma.webhook.findUnique({ where: { id: fromGlobalId(globalId, 'Webhook', field) } });
  if (!webhook) throw notFound('There is no webhook with this ID.');
  enforce(webhookPolicy.canManage(ctx.viewer, webhook));
  return webhook;
}

export async function createWebhook(ctx: Context, input: CreateWebhookInput) {
  enforce(webhookPolicy.canManageAny(ctx.viewer));
  const events = [...new Set(input.events)];
  const ownerKeyId = ownerKeyOf(ctx.viewer);
  await assertMayReceive(ctx, ownerKeyId, events);
  const secret = newWebhookSecret();
  const url = receiverUrl(ctx, input.url);
  const webhook = await ctx.prisma.$transaction(async (tx) => {
    const created = await tx.webhook.create({
      data: {
        url,
        events,
        description: input.description?.trim() || null,
        secret,
        createdById: ctx.viewer.kind === 'user' ? ctx.viewer.user.id : null,
        createdByApiKeyId: ownerKeyId,
      },
    });
    await recordAudit(tx, ctx, { action: AuditAction.WEBHOOK_CREATED, subject: { type: 'Webhook', id: created.id }, details: { events } });
    return created;
  });
  return { webhook, secret };
}

export async function updateWebhook(ctx: Context, input: UpdateWebhookInput): Promise<WebhookRow> {
  const webhook = await loadWebhook(ctx, input.webhookId, 'webhookId');
  const events = input.events ? [...new Set(input.events)] : undefined;
  if (events) await assertMayReceive(ctx, webhook.createdByApiKeyId, events);
  const data = {
    ...(input.url ? { url: receiverUrl(ctx, input.url) } : {}),
    ...(events ? { events } : {}),
    ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
    ...(input.active !== undefined && input.active !== null ? { active: input.active } : {}),
  };
  return ctx.prisma.$transaction(async (tx) => {
    const updated = await tx.webhook.update({ where: { id: webhook.id }, data });
    await recordAudit(tx, ctx, {
      action: AuditAction.WEBHOOK_UPDATED,
      subject: { type: 'Webhook', id: webhook.id },
      details: { changed: Object.keys(data), ...(events && { events }), ...(data.active !== undefined && { active: data.active }) },
    });
    return updated;
  });
}

/** A new secret, effective for the next request; the old one stops verifying at once. */
export async function rotateWebhookSecret(ctx: Context, webhookGlobalId: string) {
  const existing = await loadWebhook(ctx, webhookGlobalId, 'webhookId');
  const secret = newWebhookSecret();
  const webhook = await ctx.prisma.$transaction(async (tx) => {
    const rotated = await tx.webhook.update({ where: { id: existing.id }, data: { secret } });
    await recordAudit(tx, ctx, {
      action: AuditAction.WEBHOOK_UPDATED,
      subject: { type: 'Webhook', id: existing.id },
      details: { changed: ['secret'] },
    });
    return rotated;
  });
  return { webhook, secret };
}

/** Deletes the webhook with its deliveries. */
export async function deleteWebhook(ctx: Context, webhookGlobalId: string): Promise<string> {
  const webhook = await loadWebhook(ctx, webhookGlobalId, 'webhookId');
  await ctx.prisma.$transaction(async (tx) => {
    await tx.webhook.delete({ where: { id: webhook.id } });
    await recordAudit(tx, ctx, { action: AuditAction.WEBHOOK_DELETED, subject: { type: 'Webhook', id: webhook.id } });
  });
  return webhookGlobalId;
}

const WEBHOOK_ORDER = newestFirst<WebhookRow>('webhooks');
const DELIVERY_ORDER = newestFirst<DeliveryRow>('webhookDeliveries');

export async function listWebhooks(ctx: Context, page: PageArgs) {
  enforce(webhookPolicy.canManageAny(ctx.viewer));
  return paginate(pageRequest(page, WEBHOOK_ORDER), (window) =>
    ctx.prisma.webhook.findMany({
      where: { ...webhookPolicy.listWhere(ctx.viewer), ...window.prismaWhere() },
      orderBy: window.prismaOrderBy(),
      take: window.limit,
    }),
  );
}

export async function listDeliveries(
  ctx: Context,
  args: { webhookId: string; status?: DeliveryStatus | null; eventType?: WebhookEventType | null; page: PageArgs },
) {
  const webhook = await loadWebhook(ctx, args.webhookId, 'webhookId');
  return paginate(pageRequest(args.page, DELIVERY_ORDER), (window) =>
    ctx.prisma.webhookDelivery.findMany({
      where: {
        webhookId: webhook.id,
        ...(args.status ? { status: args.status } : {}),
        ...(args.eventType ? { eventType: args.eventType } : {}),
        ...window.prismaWhere(),
      },
      orderBy: window.prismaOrderBy(),
      take: window.limit,
    }),
  );
}

/**
 * Sends the delivery again now, whatever its status, with the same event ID and body; a failed
 * one gets a fresh round of retries.
 */
export async function redeliver(ctx: Context, deliveryGlobalId: string): Promise<DeliveryRow> {
  enforce(webhookPolicy.canManageAny(ctx.viewer));
  const queue = ctx.app.webhooks;
  const delivery = await ctx.prisma.webhookDelivery.findUnique({
    where: { id: fromGlobalId(deliveryGlobalId, 'WebhookDelivery', 'deliveryId') },
    include: { webhook: true },
  });
  if (!delivery) throw notFound('There is no webhook delivery with this ID.');
  enforce(webhookPolicy.canManage(ctx.viewer, delivery.webhook));
  const now = new Date();
  return ctx.prisma.$transaction(async (tx) => {
    await queue.schedule(tx, { deliveryId: delivery.id, attempt: delivery.attempts + 1, retry: 0 }, now);
    return tx.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'PENDING', nextAttemptAt: now } });
  });
}
