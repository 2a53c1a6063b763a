import type { DeliveryStatus, Webhook as WebhookRow, WebhookAttempt as AttemptRow, WebhookDelivery as DeliveryRow } from '@studentdesk/db';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { PageArgs } from '../relay/pagination.js';
import { deliveryBody } from './webhook-delivery.js';
import type { WebhookEventType as EventType } from './webhook-events.js';
import * as webhooks from './webhook.service.js';
import {
  CreateWebhookInput,
  UpdateWebhookInput,
  Webhook,
  WebhookAttempt,
  WebhookConnection,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookDeliveryStatus,
  WebhookEventType,
  WebhookSecretPayload,
} from './webhook.type.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';

@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => WebhookConnection, { description: 'Admins and keys with webhooks:manage: the webhooks, newest first.' })
  async webhooks(@Ctx() ctx: Context, @Args(() => PageArgs) page: PageArgs): Promise<WebhookConnection> {
    return (await webhooks.listWebhooks(ctx, page)) as WebhookConnection;
  }

  @Query(() => WebhookDeliveryConnection, { description: 'Admins and keys with webhooks:manage: a webhook’s deliveries, newest first.' })
  async webhookDeliveries(
    @Arg('webhookId', () => ID, { description: 'The webhook.' }) webhookId: string,
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status.' })
    status?: DeliveryStatus | null,
    @Arg('eventType', () => WebhookEventType, { nullable: true, description: 'Only deliveries of this event type.' })
    eventType?: EventType | null,
  ): Promise<WebhookDeliveryConnection> {
    return (await webhooks.listDeliveries(ctx, { webhookId, status, eventType, page })) as WebhookDeliveryConnection;
  }

  @Mutation(() => WebhookSecretPayload, { description: 'Send events to a URL. The answer holds the signing secret, shown only this once.' })
  createWebhook(
    @Arg('input', () => CreateWebhookInput, { description: 'The URL and the events.' }) input: CreateWebhookInput,
    @Ctx() ctx: Context,
  ) {
    return webhooks.createWebhook(ctx, input);
  }

  @Mutation(() => Webhook, { description: 'Change a webhook’s URL, events, description, or switch it off and on.' })
  updateWebhook(
    @Arg('input', () => UpdateWebhookInput, { description: 'The webhook and what changes.' }) input: UpdateWebhookInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookRow> {
    return webhooks.updateWebhook(ctx, input);
  }

  @Mutation(() => WebhookSecretPayload, {
    description: 'Replace a webhook’s signing secret; the old one stops at once. The new one is shown only this once.',
  })
  rotateWebhookSecret(@Arg('webhookId', () => ID, { description: 'The webhook.' }) webhookId: string, @Ctx() ctx: Context) {
    return webhooks.rotateWebhookSecret(ctx, webhookId);
  }

  @Mutation(() => ID, { description: 'Delete a webhook and its deliveries. Returns its ID.' })
  deleteWebhook(@Arg('webhookId', () => ID, { description: 'The webhook.' }) webhookId: string, @Ctx() ctx: Context): Promise<string> {
    return webhooks.deleteWebhook(ctx, webhookId);
  }

  @Mutation(() => WebhookDelivery, { description: 'Send a delivery again now, with the same event ID and body.' })
  redeliverWebhookDelivery(
    @Arg('deliveryId', () => ID, { description: 'The delivery.' }) deliveryId: string,
    @Ctx() ctx: Context,
  ): Promise<DeliveryRow> {
    return webhooks.redeliver(ctx, deliveryId);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => Webhook, { description: 'The webhook it goes to.' })
  async webhook(@Root() delivery: DeliveryRow, @Ctx() ctx: Context): Promise<WebhookRow> {
    return (await ctx.loaders.webhook.load(delivery.webhookId))!;
  }

  @FieldResolver(() => String, { description: 'The JSON body, exactly as sent on every attempt.' })
  async payload(@Root() delivery: DeliveryRow, @Ctx() ctx: Context): Promise<string> {
    return deliveryBody((await ctx.loaders.outboxEvent.load(delivery.eventId))!);
  }

  @FieldResolver(() => [WebhookAttempt], {
    description: `The latest ${LIST_MAXIMUM.webhookAttempts} requests sent, oldest first, with the receiver’s answer.`,
  })
  @MaxItems(LIST_MAXIMUM.webhookAttempts)
  attemptLog(@Root() delivery: DeliveryRow, @Ctx() ctx: Context): Promise<AttemptRow[]> {
    return ctx.loaders.webhookAttempts.load(delivery.id);
  }
}
