// Staff accounts as admins see them, and people leaving the desk (or coming back). Deactivating
// ends every session of the account and hands its open tickets on, all in one transaction.
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import type { Prisma, User as UserRow } from '@studentdesk/db';
import { revokeSessionsOf } from '../auth/sessions.js';
import { enforce, isStaffRole, requireUser } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { announceTicketChange } from '../realtime/pubsub.js';
import { fromGlobalId } from '../relay/global-id.js';
import { newestFirst, pageRequest, paginate, type PageArgs } from '../relay/pagination.js';
import { reassignOpenTickets } from '../tickets/ticket.reassign.js';
import * as peoplePolicy from './people.policy.js';

const STAFF_ORDER = newestFirst<UserRow>('staffAccounts');

/** Every staff, manager and admin account, deactivated ones included. */
export function listStaffAccounts(ctx: Context, page: PageArgs) {
  enforce(peoplePolicy.canManagePeople(ctx.viewer));
  return paginate(pageRequest(page, STAFF_ORDER), (window) =>
    ctx.prisma.user.findMany({
      where: { role: { in: ['STAFF', 'MANAGER', 'ADMIN'] }, ...window.prismaWhere() },
      orderBy: window.prismaOrderBy(),
      take: window.limit,
    }),
  );
}

async function loadPerson(ctx: Context, globalId: string): Promise<UserRow> {
  const user = await ctx.prisma.user.findUnique({ where: { id: fromGlobalId(globalId, 'User', 'userId') } });
  if (!user) throw notFound('There is no person with this ID.');
  return user;
}

/**
 * The account stops working at once (every session ends, sockets close). Its open tickets go to
 * `reassignTo`, an active colleague sharing one of their departments (or an admin), or back to the queue.
 */
export async function deactivateUser(ctx: Context, userGlobalId: string, reassignToGlobalId?: string | null): Promise<UserRow> {
  enforce(peoplePolicy.canManagePeople(ctx.viewer));
  const admin = requireUser(ctx.viewer);
  const user = await loadPerson(ctx, userGlobalId);
  if (user.id === admin.id) throw badInput('You cannot deactivate your own account: ask another admin.', 'userId');
  if (user.deactivatedAt) return user;
  let heir: UserRow | null = null;
  if (reassignToGlobalId) {
    heir = await ctx.prisma.user.findUnique({ where: { id: fromGlobalId(reassignToGlobalId, 'User', 'reassignTo') } });
    if (!heir || heir.deactivatedAt || !isStaffRole(heir.role) || heir.id === user.id) {
      throw badInput('Hand the tickets to another active staff member.', 'reassignTo');
    }
    const [theirs, heirs] = await Promise.all([ctx.loaders.memberships.load(user.id), ctx.loaders.memberships.load(heir.id)]);
    const shared = heirs.some((membership) => theirs.some((mine) => mine.departmentId === membership.departmentId));
    if (heir.role !== 'ADMIN' && !shared) {
      throw badInput('Hand the tickets to someone in the same department, or leave them unassigned.', 'reassignTo');
    }
  }

  return deactivateAccount(ctx, user, heir, admin);
}

/**
 * Deactivation itself, for an admin (deactivateUser, after its checks) and for the identity
 * provider (SCIM): sessions end, open tickets go to `heir` or back to the queue, audited, in one
 * transaction with the caller's own writes (`alongWith`, run first). `actor` is the person the
 * ticket history names; null for the provider.
 */
export async function deactivateAccount(
  ctx: Context,
  user: UserRow,
  heir: UserRow | null,
  actor: UserRow | null,
  alongWith?: (tx: Prisma.TransactionClient) => Promise<unknown>,
): Promise<UserRow> {
  if (user.deactivatedAt) return user;
  const deactivatedAt = ctx.app.clock.now();
  let moved: Awaited<ReturnType<typeof reassignOpenTickets>> = [];
  await revokeSessionsOf(ctx.app, user.id, async (tx) => {
    await alongWith?.(tx);
    await tx.user.update({ where: { id: user.id }, data: { deactivatedAt } });
    moved = await reassignOpenTickets(tx, user, heir, actor, 'ASSIGNEE_DEACTIVATED');
    await recordAudit(tx, ctx, {
      action: AuditAction.PERSON_DEACTIVATED,
      subject: { type: 'User', id: user.id },
      details: { openTicketsMoved: moved.length, reassignedToUserId: heir?.id ?? null },
    });
  });
  for (const ticket of moved) {
    ctx.loaders.ticket.clear(ticket.id);
    announceTicketChange(ctx.app.pubSub, ticket);
  }
  ctx.loaders.user.clear(user.id);
  return { ...user, deactivatedAt };
}

/** The account can sign in again (with its password, or a reset); its tickets stay where they went. */
export async function reactivateUser(ctx: Context, userGlobalId: string): Promise<UserRow> {
  enforce(peoplePolicy.canManagePeople(ctx.viewer));
  const user = await loadPerson(ctx, userGlobalId);
  if (!user.deactivatedAt) return user;
  return ctx.prisma.$transaction(async (tx) => {
    const reactivated = await tx.user.update({ where: { id: user.id }, data: { deactivatedAt: null } });
    await recordAudit(tx, ctx, { action: AuditAction.PERSON_REACTIVATED, subject: { type: 'User', id: user.id } });
    return reactivated;
  });
}
