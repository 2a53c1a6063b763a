import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { describeEnum } from '../schema-enum.js';
import { ConnectionOf, Node } from '../relay/relay.types.js';
import type { WebhookEventType as EventType } from './webhook-events.js';

/** GraphQL names for the event types; the values are the `type` of the delivered JSON. */
export const WebhookEventType = {
  TICKET_CREATED: 'ticket.created',
  TICKET_STATUS_CHANGED: 'ticket.status_changed',
  TICKET_ASSIGNED: 'ticket.assigned',
  MESSAGE_CREATED: 'message.created',
  RATING_SUBMITTED: 'rating.submitted',
  AUTOMATION_FIRED: 'automation.fired',
} as const satisfies Record<string, EventType>;

describeEnum(
  WebhookEventType,
  'WebhookEventType',
  'What a webhook can be told about. The delivered JSON names it in its short form, e.g. `ticket.created`.',
  {
    TICKET_CREATED: '`ticket.created`: a problem was reported (data: ticket).',
    TICKET_STATUS_CHANGED: '`ticket.status_changed`: a ticket moved, e.g. OPEN → RESOLVED (data: ticket, previousStatus).',
    TICKET_ASSIGNED: '`ticket.assigned`: someone else handles it now, or nobody (data: ticket, previousAssigneeId).',
    MESSAGE_CREATED: '`message.created`: a public message on a ticket; internal notes are never sent (data: message, ticket).',
    RATING_SUBMITTED: '`rating.submitted`: a student rated a resolved ticket (data: rating, ticket).',
    AUTOMATION_FIRED: '`automation.fired`: an automation rule with a webhook action acted on a ticket (data: rule, ticket).',
  },
);

export const WebhookDeliveryStatus = { PENDING: 'PENDING', SUCCEEDED: 'SUCCEEDED', FAILED: 'FAILED' } as const;

describeEnum(WebhookDeliveryStatus, 'WebhookDeliveryStatus', 'Where a delivery stands.', {
  PENDING: 'Not delivered yet; the next attempt is at nextAttemptAt.',
  SUCCEEDED: 'The receiver answered with a 2xx status.',
  FAILED: 'Every retry failed (for 24 hours), or the webhook was disabled. Can be redelivered.',
});

@ObjectType({ implements: Node, description: 'An address the desk POSTs events to, signed with the webhook’s secret.' })
export class Webhook extends Node {
  @Field(() => String, { description: 'Where events are POSTed.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the receiver is, for the people managing it.' })
  description!: string | null;

  @Field(() => [WebhookEventType], { description: 'The events it receives.' })
  events!: EventType[];

  @Field(() => Boolean, { description: 'Whether events are delivered; a disabled webhook receives nothing.' })
  active!: boolean;

  @Field(() => Date, { description: 'When it was created.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of webhooks, newest first.' })
export class WebhookConnection extends ConnectionOf(Webhook, 'Webhook', 'webhook', 'webhooks') {}

@ObjectType({ description: 'One HTTP request of a delivery and what the receiver answered.' })
export class WebhookAttempt {
  @Field(() => Int, { description: '1 for the first request; redeliveries go on counting.' })
  number!: number;

  @Field(() => Date, { description: 'When the request was sent.' })
  createdAt!: Date;

  @Field(() => Int, { nullable: true, description: 'The HTTP status the receiver answered with; null when it did not answer.' })
  responseStatus!: number | null;

  @Field(() => String, { nullable: true, description: 'The start of the receiver’s answer (at most 2,000 characters).' })
  responseBody!: string | null;

  @Field(() => String, { nullable: true, description: 'Why there was no answer: timeout, refused connection …' })
  error!: string | null;

  @Field(() => Int, { description: 'How long the receiver took, in milliseconds.' })
  durationMs!: number;
}

@ObjectType({
  implements: Node,
  description: 'One event on its way to one webhook: its status, and every attempt with the receiver’s answer.',
})
export class WebhookDelivery extends Node {
  @Field(() => ID, {
    description: 'The event’s ID, sent as the `webhook-id` header: the same for every attempt, so receivers can ignore repeats.',
  })
  eventId!: string;

  @Field(() => WebhookEventType, { description: 'What happened.' })
  eventType!: EventType;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands.' })
  status!: keyof typeof WebhookDeliveryStatus;

  @Field(() => Int, { description: 'How many requests were sent so far.' })
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When the next request goes out; null once delivered or given up.' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When a request last went out.' })
  lastAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the receiver accepted it.' })
  deliveredAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer.' })
  responseStatus!: number | null;

  @Field(() => Date, { description: 'When the event was queued for this webhook.' })
  createdAt!: Date;
}

@ObjectType({ description: 'A page of deliveries, newest first.' })
export class WebhookDeliveryConnection extends ConnectionOf(WebhookDelivery, 'WebhookDelivery', 'delivery', 'deliveries') {}

@InputType({ description: 'A new webhook.' })
export class CreateWebhookInput {
  @Field(() => String, { description: 'Where to POST events: an http(s) URL (https in production).' })
  @MaxLength(2000)
  url!: string;

  @Field(() => [WebhookEventType], { description: 'The events to receive; at least one.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  events!: EventType[];

  @Field(() => String, { nullable: true, description: 'What the receiver is (at most 200 characters).' })
  @IsOptional()
  @Length(0, 200)
  description?: string | null;
}

@InputType({ description: 'Changes to a webhook; omitted fields stay as they are.' })
export class UpdateWebhookInput {
  @Field(() => ID, { description: 'The webhook to change.' })
  webhookId!: string;

  @Field(() => String, { nullable: true, description: 'A new address.' })
  @IsOptional()
  @MaxLength(2000)
  url?: string | null;

  @Field(() => [WebhookEventType], { nullable: true, description: 'The events to receive from now on.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  events?: EventType[] | null;

  @Field(() => String, { nullable: true, description: 'A new description.' })
  @IsOptional()
  @Length(0, 200)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'False stops deliveries (pending ones fail); true resumes with new events.' })
  @IsOptional()
  active?: boolean | null;
}

@ObjectType({ description: 'A webhook and its signing secret, which is shown only here.' })
export class WebhookSecretPayload {
  @Field(() => Webhook, { description: 'The webhook.' })
  webhook!: Webhook;

  @Field(() => String, { description: 'The signing secret (`whsec_…`). Store it now: it is not shown again.' })
  secret!: string;
}
