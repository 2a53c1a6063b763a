// Which departments a person works in, and as what. The plain functions take the transaction client
// so invitations, the CSV import and (later) SCIM provisioning set memberships the same way; each
// keeps User.role, the person's highest kind, in step with the rows.
import type { DepartmentRole, Prisma, Role, User as UserRow } from '@studentdesk/db';
import { AuditAction } from '../audit/audit-action.js';
import { recordAudit } from '../audit/audit.js';
import { enforce, type Membership } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import { fromGlobalId } from '../relay/global-id.js';
import * as peoplePolicy from './people.policy.js';

type Db = Prisma.TransactionClient;

/**
 * A person's kind given their memberships: admins stay admins; anyone managing a department is a
 * MANAGER, other members STAFF; a student with no department stays a student, and staff who leave
 * their last department stay STAFF (an account that works nowhere until an admin places it).
 */
export function kindFor(role: Role, memberships: readonly Pick<Membership, 'role'>[]): Role {
  if (role === 'ADMIN') return 'ADMIN';
  if (memberships.some((membership) => membership.role === 'MANAGER')) return 'MANAGER';
  if (memberships.length === 0 && role === 'STUDENT') return 'STUDENT';
  return 'STAFF';
}

async function syncKind(db: Db, user: Pick<UserRow, 'id' | 'role'>): Promise<UserRow> {
  const memberships = await db.departmentMembership.findMany({ where: { userId: user.id }, select: { role: true } });
  return db.user.update({ where: { id: user.id }, data: { role: kindFor(user.role, memberships) } });
}

/** Makes the person a member of the department with the role (creating or changing the row). */
export async function putMembership(
  db: Db,
  user: Pick<UserRow, 'id' | 'role'>,
  departmentId: string,
  role: DepartmentRole,
): Promise<UserRow> {
  await db.departmentMembership.upsert({
    where: { userId_departmentId: { userId: user.id, departmentId } },
    create: { userId: user.id, departmentId, role },
    update: { role },
  });
  return syncKind(db, user);
}

/** Takes the person out of the department (nothing to do when they were not in it). */
export async function dropMembership(db: Db, user: Pick<UserRow, 'id' | 'role'>, departmentId: string): Promise<UserRow> {
  await db.departmentMembership.deleteMany({ where: { userId: user.id, departmentId } });
  return syncKind(db, user);
}

async function loadMember(ctx: Context, userGlobalId: string, departmentGlobalId: string) {
  const user = await ctx.prisma.user.findUnique({ where: { id: fromGlobalId(userGlobalId, 'User', 'userId') } });
  if (!user) throw notFound('There is no person with this ID.');
  const department = await ctx.loaders.department.load(fromGlobalId(departmentGlobalId, 'Department', 'departmentId'));
  if (!department) throw badInput('There is no such department.', 'departmentId');
  return { user, department };
}

/** Admins: put a staff member, manager or admin in a department as STAFF or MANAGER. */
export async function setMembership(
  ctx: Context,
  userGlobalId: string,
  departmentGlobalId: string,
  role: DepartmentRole,
): Promise<UserRow> {
  enforce(peoplePolicy.canManagePeople(ctx.viewer));
  const { user, department } = await loadMember(ctx, userGlobalId, departmentGlobalId);
  if (user.role === 'STUDENT') {
    throw badInput('Students do not work in departments: import or invite the person as staff.', 'userId');
  }
  const updated = await ctx.prisma.$transaction(async (tx) => {
    const others = await tx.departmentMembership.count({ where: { userId: user.id, departmentId: { not: department.id } } });
    if (others >= LIST_MAXIMUM.membershipsPerPerson) {
      throw badInput(`A person works in at most ${LIST_MAXIMUM.membershipsPerPerson} departments: remove one first.`, 'departmentId');
    }
    const changed = await putMembership(tx, user, department.id, role);
    await recordAudit(tx, ctx, {
      action: AuditAction.MEMBERSHIP_SET,
      subject: { type: 'User', id: user.id },
      details: { departmentId: department.id, role, userRole: changed.role },
    });
    return changed;
  });
  ctx.loaders.memberships.clear(user.id);
  return updated;
}

/** Admins: take a person out of a department. Tickets assigned to them stay theirs. */
export async function removeMembership(ctx: Context, userGlobalId: string, departmentGlobalId: string): Promise<UserRow> {
  enforce(peoplePolicy.canManagePeople(ctx.viewer));
  const { user, department } = await loadMember(ctx, userGlobalId, departmentGlobalId);
  const updated = await ctx.prisma.$transaction(async (tx) => {
    const changed = await dropMembership(tx, user, department.id);
    await recordAudit(tx, ctx, {
      action: AuditAction.MEMBERSHIP_REMOVED,
      subject: { type: 'User', id: user.id },
      details: { departmentId: department.id, userRole: changed.role },
    });
    return changed;
  });
  ctx.loaders.memberships.clear(user.id);
  return updated;
}
