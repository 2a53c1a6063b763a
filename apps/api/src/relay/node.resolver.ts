// node(id:): any object by its global ID, under the same rules as the field that would show it.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { isStaffRole, requireKeyScope, requireStaff, viewerUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, forbidden } from '../errors.js';
import { findApiKey } from '../integrations/api-key.service.js';
import { findWebhookNode } from '../integrations/webhook.service.js';
import { loadTicket } from '../tickets/ticket.service.js';
import { ticketAccess } from '../tickets/ticket.policy.js';
import { parseGlobalId, toGlobalId, type NodeTypeName } from './global-id.js';
import { Node, NODE_TYPE } from './relay.types.js';

const tag = <Row extends object>(row: Row | null | undefined, type: NodeTypeName) => (row ? { ...row, [NODE_TYPE]: type } : null);

@Resolver(() => Node)
export class NodeResolver {
  /** Every Node type inherits this: its id is a global ID naming the concrete type. */
  @FieldResolver(() => ID, { description: 'Globally unique, opaque ID; fetch the object again with `node(id:)`.' })
  id(@Root() row: { id: string }, @Info() info: GraphQLResolveInfo): string {
    return toGlobalId(info.parentType.name as NodeTypeName, row.id);
  }

  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null when it does not exist.' })
  async node(@Arg('id', () => ID, { description: 'A global ID.' }) id: string, @Ctx() ctx: Context) {
    const parsed = parseGlobalId(id);
    if (!parsed) throw badInput('id is not a valid ID.', 'id');
    switch (parsed.type) {
      case 'Department':
        return tag(await ctx.loaders.department.load(parsed.id), 'Department');
      case 'Category':
        return tag(await ctx.loaders.category.load(parsed.id), 'Category');
      case 'Incident':
        return tag(await ctx.loaders.incident.load(parsed.id), 'Incident');
      case 'Article':
        return tag(await ctx.prisma.article.findFirst({ where: { id: parsed.id, published: true } }), 'Article');
      case 'EmailMessage': {
        if (viewerUser(ctx.viewer)?.role !== 'ADMIN') throw forbidden('Only admins can read the outbox.');
        return tag(await ctx.prisma.emailMessage.findUnique({ where: { id: parsed.id } }), 'EmailMessage');
      }
      case 'Ticket': {
        const exists = await ctx.loaders.ticket.load(parsed.id);
        return exists ? tag((await loadTicket(ctx, id, 'id')).ticket, 'Ticket') : null;
      }
      case 'Message': {
        const message = await ctx.prisma.message.findUnique({ where: { id: parsed.id } });
        if (!message) return null;
        const { ticket } = await loadTicket(ctx, toGlobalId('Ticket', message.ticketId), 'id');
        if (message.internal && ticketAccess(ctx.viewer, ticket, ctx.trackingGrants) !== 'staff') {
          throw forbidden('Internal notes are visible to staff only.');
        }
        return tag(message, 'Message');
      }
      case 'Rating': {
        requireKeyScope(ctx.viewer, 'ratings:read');
        const rating = await ctx.prisma.rating.findUnique({ where: { id: parsed.id } });
        if (!rating) return null;
        await loadTicket(ctx, toGlobalId('Ticket', rating.ticketId), 'id');
        return tag(rating, 'Rating');
      }
      case 'User': {
        const viewer = viewerUser(ctx.viewer);
        if (!viewer || (viewer.id !== parsed.id && !isStaffRole(viewer.role))) throw forbidden('Only staff can look people up.');
        return tag(await ctx.loaders.user.load(parsed.id), 'User');
      }
      case 'ApiKey':
        return tag(await findApiKey(ctx, parsed.id), 'ApiKey');
      case 'Webhook':
      case 'WebhookDelivery':
        return tag(await findWebhookNode(ctx, parsed.type, parsed.id), parsed.type);
      case 'Suggestion':
        requireStaff(ctx.viewer);
        return tag(await ctx.prisma.suggestion.findUnique({ where: { id: parsed.id } }), 'Suggestion');
      case 'CannedResponse':
        requireStaff(ctx.viewer);
        return tag(await ctx.prisma.cannedResponse.findUnique({ where: { id: parsed.id } }), 'CannedResponse');
      default:
        return null;
    }
  }
}
