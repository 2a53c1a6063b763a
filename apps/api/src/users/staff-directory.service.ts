// Who tickets can be assigned to: active staff, managers and admins who are members of a department.
import type { User as UserRow } from '@studentdesk/db';
import { enforce, primaryDepartmentOf, requireStaff } from '../auth/viewer.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';
import { fromGlobalId } from '../relay/global-id.js';
import { LIST_MAXIMUM } from '../limits/list-maximums.js';
import * as userPolicy from './user.policy.js';

export async function staffMembers(ctx: Context, departmentGlobalId: string | null | undefined): Promise<UserRow[]> {
  enforce(userPolicy.canListStaff(ctx.viewer));
  const user = requireStaff(ctx.viewer);
  const departmentId = departmentGlobalId ? fromGlobalId(departmentGlobalId, 'Department', 'departmentId') : primaryDepartmentOf(user);
  if (!departmentId) throw badInput('Name a department: you belong to none.', 'departmentId');
  return ctx.prisma.user.findMany({
    where: { memberships: { some: { departmentId } }, role: { in: ['STAFF', 'MANAGER', 'ADMIN'] }, deactivatedAt: null },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: LIST_MAXIMUM.staffMembers,
  });
}
