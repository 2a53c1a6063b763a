// node(id:): any object by its global ID, under the same access policy as the type's own query.
// One table, type → (load, policy): a type without an entry cannot be fetched, and an entry can
// only ask the policy module the type's own resolvers ask (security/access-policy.test.ts checks
// both doors for every type and viewer).
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import * as articlePolicy from './articles/article.policy.js';
import { enforce, type Decision } from './auth/viewer.js';
import * as cannedResponsePolicy from './canned-responses/canned-response.policy.js';
import type { Context } from './context.js';
import * as departmentPolicy from './departments/department.policy.js';
import { badInput, ErrorCode } from './errors.js';
import * as incidentPolicy from './incidents/incident.policy.js';
import * as apiKeyPolicy from './integrations/api-key.policy.js';
import * as webhookPolicy from './integrations/webhook.policy.js';
import * as emailPolicy from './notifications/email.policy.js';
import * as ratingPolicy from './ratings/rating.policy.js';
import * as suggestionPolicy from './suggestions/suggestion.policy.js';
import * as ticketPolicy from './tickets/ticket.policy.js';
import * as userPolicy from './users/user.policy.js';
import { parseGlobalId, toGlobalId, type NodeTypeName } from './relay/global-id.js';
import { Node, NODE_TYPE } from './relay/relay.types.js';

interface NodeEntry<Row> {
  load: (ctx: Context, id: string) => Promise<Row | null>;
  canRead: (ctx: Context, row: Row) => Decision | Promise<Decision>;
}

/** The ticket a row belongs to; rows never outlive their ticket (ON DELETE CASCADE). */
const ticketOf = async (ctx: Context, row: { ticketId: string }) => (await ctx.loaders.ticket.load(row.ticketId))!;

const entry = <Row>(node: NodeEntry<Row>) => node as NodeEntry<unknown>;

export const NODE_TYPES: Record<NodeTypeName, NodeEntry<unknown>> = {
  Ticket: entry({
    load: (ctx, id) => ctx.loaders.ticket.load(id),
    canRead: (ctx, ticket) => ticketPolicy.canRead(ctx.viewer, ticket, ctx.trackingGrants),
  }),
  Message: entry({
    load: (ctx, id) => ctx.loaders.message.load(id),
    canRead: async (ctx, message) => ticketPolicy.canReadMessage(ctx.viewer, message, await ticketOf(ctx, message), ctx.trackingGrants),
  }),
  Rating: entry({
    load: (ctx, id) => ctx.loaders.rating.load(id),
    canRead: async (ctx, rating) => ratingPolicy.canRead(ctx.viewer, await ticketOf(ctx, rating), ctx.trackingGrants),
  }),
  User: entry({ load: (ctx, id) => ctx.loaders.user.load(id), canRead: (ctx, user) => userPolicy.canRead(ctx.viewer, user) }),
  Department: entry({
    load: (ctx, id) => ctx.loaders.department.load(id),
    canRead: (ctx, department) => departmentPolicy.canRead(ctx.viewer, department),
  }),
  Category: entry({
    load: (ctx, id) => ctx.loaders.category.load(id),
    canRead: (ctx, category) => departmentPolicy.canRead(ctx.viewer, category),
  }),
  Incident: entry({
    load: (ctx, id) => ctx.loaders.incident.load(id),
    canRead: (ctx, incident) => incidentPolicy.canRead(ctx.viewer, incident),
  }),
  Article: entry({
    load: (ctx, id) => ctx.loaders.article.load(id),
    canRead: (ctx, article) => articlePolicy.canRead(ctx.viewer, article),
  }),
  EmailMessage: entry({
    load: (ctx, id) => ctx.loaders.emailMessage.load(id),
    canRead: (ctx, email) => emailPolicy.canRead(ctx.viewer, email),
  }),
  ApiKey: entry({
    load: (ctx, id) => ctx.loaders.apiKey.load(id),
    canRead: (ctx, apiKey) => apiKeyPolicy.canRead(ctx.viewer, apiKey),
  }),
  Webhook: entry({
    load: (ctx, id) => ctx.loaders.webhook.load(id),
    canRead: (ctx, webhook) => webhookPolicy.canRead(ctx.viewer, webhook),
  }),
  WebhookDelivery: entry({
    load: (ctx, id) => ctx.loaders.webhookDelivery.load(id),
    canRead: async (ctx, delivery) => webhookPolicy.canRead(ctx.viewer, (await ctx.loaders.webhook.load(delivery.webhookId))!),
  }),
  Suggestion: entry({
    load: (ctx, id) => ctx.loaders.suggestion.load(id),
    canRead: (ctx, suggestion) => suggestionPolicy.canRead(ctx.viewer, suggestion),
  }),
  CannedResponse: entry({
    load: (ctx, id) => ctx.loaders.cannedResponse.load(id),
    canRead: (ctx, cannedResponse) => cannedResponsePolicy.canRead(ctx.viewer, cannedResponse),
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
    const { load, canRead } = NODE_TYPES[parsed.type];
    const row = await load(ctx, parsed.id);
    if (!row) return null;
    const decision = await canRead(ctx, row);
    // Refused as not found (an unpublished article): the same null as a missing object.
    if (!decision.allowed && decision.code === ErrorCode.NOT_FOUND) return null;
    enforce(decision);
    return { ...row, [NODE_TYPE]: parsed.type };
  }
}
