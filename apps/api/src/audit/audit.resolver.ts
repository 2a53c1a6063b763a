import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { PageArgs } from '../relay/pagination.js';
import { listAuditEntries, type AuditEntryView } from './audit.service.js';
import { enforce } from '../auth/viewer.js';
import { LIST_MAXIMUM, MaxItems } from '../limits/list-maximums.js';
import { AUDIT_ACTION_MEANINGS, type AuditAction } from './audit-action.js';
import { canReadAuditLog } from './audit.policy.js';
import { AuditActionInfo, AuditEntry, AuditEntryConnection, AuditLogFilter } from './audit.type.js';

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Query(() => AuditEntryConnection, { description: 'Admins: the audit log, newest first.' })
  async auditLog(
    @Ctx() ctx: Context,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Narrow the log.' }) filter?: AuditLogFilter,
  ): Promise<AuditEntryConnection> {
    return listAuditEntries(ctx, page, filter);
  }

  @MaxItems(LIST_MAXIMUM.auditActions)
  @Query(() => [AuditActionInfo], { description: 'Admins: every kind of action the audit log records, with its meaning.' })
  auditActions(@Ctx() ctx: Context): AuditActionInfo[] {
    enforce(canReadAuditLog(ctx.viewer));
    return Object.entries(AUDIT_ACTION_MEANINGS).map(([action, meaning]) => ({ action: action as AuditAction, meaning }));
  }

  @FieldResolver()
  actor(@Root() entry: AuditEntryView, @Ctx() ctx: Context) {
    return entry.actorUserId ? ctx.loaders.user.load(entry.actorUserId) : null;
  }
}
