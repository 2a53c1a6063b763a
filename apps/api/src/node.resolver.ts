// node(id:): any object by its global ID, under the same access policy as the type's own query.
// One table, type → (load, policy): a type without an entry cannot be fetched, and an entry can
// only ask the policy module the type's own resolvers ask (security/access-policy.test.ts checks
// both doors for every type and viewer).
import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import * as articlePolicy from './articles/article.policy.js';
import { enforce, type Decision, type Viewer } from './auth/viewer.js';
import * as cannedResponsePolicy from './canned-responses/canned-response.policy.js';
import type { Context } from './context.js';
import type { Loaders } from './loaders/loaders.js';
import * as departmentPolicy from './departments/department.policy.js';
import { badInput, ErrorCode } from './errors.js';
import * as incidentPolicy from './incidents/incident.policy.js';
import * as apiKeyPolicy from './integrations/api-key.policy.js';
import * as webhookPolicy from './integrations/webhook.policy.js';
import * as emailPolicy from './notifications/email.policy.js';
import * as inboundEmailPolicy from './mail-in/inbound-email.policy.js';
import * as peoplePolicy from './people/people.policy.js';
import * as ratingPolicy from './ratings/rating.policy.js';
import * as savedViewPolicy from './saved-views/saved-view.policy.js';
import * as automationPolicy from './automation/automation.policy.js';
import * as slaPolicy from './sla/sla.policy.js';
import * as staffNotificationPolicy from './staff-notifications/staff-notification.policy.js';
import * as suggestionPolicy from './suggestions/suggestion.policy.js';
import * as macroPolicy from './macros/macro.policy.js';
import * as tagPolicy from './tags/tag.policy.js';
import * as ticketPolicy from './tickets/ticket.policy.js';
import * as userPolicy from './users/user.policy.js';
import { parseGlobalId, toGlobalId, type NodeTypeName } from './relay/global-id.js';
import { attachmentAccess } from './tickets/attachment-access.js';
import { Node, NODE_TYPE } from './relay/relay.types.js';

interface NodeEntry<Row> {
  /** The request's batched loader of the type's rows (loaders/loaders.ts). */
  loader: (loaders: Loaders) => DataLoader<string, Row | null>;
  canRead: (ctx: Context, row: Row) => Decision | Promise<Decision>;
}

/** The ticket a row belongs to; rows never outlive their ticket (ON DELETE CASCADE). */
const ticketOf = async (ctx: Context, row: { ticketId: string }) => (await ctx.loaders.ticket.load(row.ticketId))!;

/** A type whose policy needs only the viewer and the row. */
const byViewer =
  <Row>(canRead: (viewer: Viewer, row: Row) => Decision) =>
  (ctx: Context, row: Row) =>
    canRead(ctx.viewer, row);

const entry = <Row>(node: NodeEntry<Row>) => node as NodeEntry<unknown>;

export const NODE_TYPES: Record<NodeTypeName, NodeEntry<unknown>> = {
  Ticket: entry({ loader: (l) => l.ticket, canRead: (ctx, ticket) => ticketPolicy.canRead(ctx.viewer, ticket, ctx.trackingGrants) }),
  Message: entry({
    loader: (l) => l.message,
    canRead: async (ctx, message) => ticketPolicy.canReadMessage(ctx.viewer, message, await ticketOf(ctx, message), ctx.trackingGrants),
  }),
  Rating: entry({
    loader: (l) => l.rating,
    canRead: async (ctx, rating) => ratingPolicy.canRead(ctx.viewer, await ticketOf(ctx, rating), ctx.trackingGrants),
  }),
  User: entry({ loader: (l) => l.user, canRead: byViewer(userPolicy.canRead) }),
  Department: entry({ loader: (l) => l.department, canRead: byViewer(departmentPolicy.canRead) }),
  Category: entry({ loader: (l) => l.category, canRead: byViewer(departmentPolicy.canRead) }),
  Incident: entry({ loader: (l) => l.incident, canRead: byViewer(incidentPolicy.canRead) }),
  Article: entry({ loader: (l) => l.article, canRead: byViewer(articlePolicy.canRead) }),
  EmailMessage: entry({ loader: (l) => l.emailMessage, canRead: byViewer(emailPolicy.canRead) }),
  InboundEmail: entry({ loader: (l) => l.inboundEmail, canRead: byViewer(inboundEmailPolicy.canRead) }),
  ApiKey: entry({ loader: (l) => l.apiKey, canRead: byViewer(apiKeyPolicy.canRead) }),
  Webhook: entry({ loader: (l) => l.webhook, canRead: byViewer(webhookPolicy.canRead) }),
  WebhookDelivery: entry({
    loader: (l) => l.webhookDelivery,
    canRead: async (ctx, delivery) => webhookPolicy.canRead(ctx.viewer, (await ctx.loaders.webhook.load(delivery.webhookId))!),
  }),
  Suggestion: entry({ loader: (l) => l.suggestion, canRead: byViewer(suggestionPolicy.canRead) }),
  CannedResponse: entry({ loader: (l) => l.cannedResponse, canRead: byViewer(cannedResponsePolicy.canRead) }),
  Invitation: entry({ loader: (l) => l.invitation, canRead: byViewer(peoplePolicy.canReadInvitation) }),
  SlaPolicy: entry({ loader: (l) => l.slaPolicy, canRead: byViewer(slaPolicy.canRead) }),
  Holiday: entry({ loader: (l) => l.holiday, canRead: byViewer(slaPolicy.canRead) }),
  SavedView: entry({ loader: (l) => l.savedView, canRead: byViewer(savedViewPolicy.canRead) }),
  AutomationRule: entry({ loader: (l) => l.automationRule, canRead: byViewer(automationPolicy.canRead) }),
  StaffNotification: entry({
    loader: (l) => l.staffNotification,
    canRead: async (ctx, notification) =>
      staffNotificationPolicy.canRead(ctx.viewer, notification, await ctx.loaders.ticket.load(notification.ticketId)),
  }),
  Macro: entry({ loader: (l) => l.macro, canRead: byViewer(macroPolicy.canRead) }),
  Tag: entry({ loader: (l) => l.tag, canRead: byViewer(tagPolicy.canRead) }),
  Attachment: entry({
    loader: (l) => l.attachment,
    canRead: (ctx, attachment) => attachmentAccess(ctx.app, ctx.viewer, attachment, { clientAddress: ctx.clientAddress }),
  }),
};

const isNodeType = (type: string): type is NodeTypeName => Object.hasOwn(NODE_TYPES, type);

@Resolver(() => Node)
export class NodeResolver {
  /** Every Node type inherits this: its id is a global ID naming the concrete type. */
  @FieldResolver(() => ID, { description: 'Globally unique, opaque ID; fetch the object again with `node(id:)`.' })
  id(@Root() row: { id: string }, @Info() info: GraphQLResolveInfo): string {
    return toGlobalId(info.parentType.name as NodeTypeName, row.id);
  }

  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global ID, under the same rules as its own query; null when it does not exist.',
  })
  async node(@Arg('id', () => ID, { description: 'A global ID.' }) id: string, @Ctx() ctx: Context) {
    const parsed = parseGlobalId(id);
    if (!parsed) throw badInput('id is not a valid ID.', 'id');
    if (!isNodeType(parsed.type)) return null;
    const { loader, canRead } = NODE_TYPES[parsed.type];
    const row = await loader(ctx.loaders).load(parsed.id);
    if (!row) return null;
    const decision = await canRead(ctx, row);
    // Refused as not found (an unpublished article): the same null as a missing object.
    if (!decision.allowed && decision.code === ErrorCode.NOT_FOUND) return null;
    enforce(decision);
    return { ...row, [NODE_TYPE]: parsed.type };
  }
}
