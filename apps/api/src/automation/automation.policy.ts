// Automation rules: managers keep their departments' rules, admins every rule and the school-wide
// ones; staff read the rules of their departments and the school-wide ones.
import type { AutomationRule as AutomationRuleRow, Prisma } from '@studentdesk/db';
import {
  ALLOW,
  all,
  departmentsOf,
  isStaffOf,
  mustBeStaff,
  mustKeepIn,
  refuse,
  type Decision,
  type Person,
  type Viewer,
} from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

/** Creating, changing, switching, deleting and dry-running a rule of the department (null: school-wide). */
export const canManage = (viewer: Viewer, departmentId: string | null): Decision =>
  mustKeepIn(viewer, departmentId, {
    notManager: 'Only managers and admins can change automation rules.',
    schoolWide: 'Only admins can keep school-wide automation rules. Choose your department.',
    otherDepartment: 'Managers can keep the automation rules of the departments they manage only.',
  });

/** Reading a rule: staff of its department, any staff for a school-wide one. */
export const canRead = (viewer: Viewer, rule: Pick<AutomationRuleRow, 'departmentId'>): Decision =>
  all(
    () => mustBeStaff(viewer),
    () =>
      rule.departmentId === null || isStaffOf(viewer, rule.departmentId)
        ? ALLOW
        : refuse(ErrorCode.FORBIDDEN, 'This rule belongs to another department.'),
  );

/** The rules a staff member lists: school-wide and their departments' (an admin: all). */
export const listWhere = (user: Person): Prisma.AutomationRuleWhereInput =>
  user.role === 'ADMIN' ? {} : { OR: [{ departmentId: null }, { departmentId: { in: departmentsOf(user) } }] };
