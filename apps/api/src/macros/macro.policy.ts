// Macros, kept like saved views: any staff member keeps personal ones; managers share them with the
// departments they manage, admins with any. Staff use their own and those shared with their departments.
import type { Macro as MacroRow, Prisma } from '@studentdesk/db';
import {
  ALLOW,
  all,
  departmentsOf,
  isStaffOf,
  mustBeStaff,
  mustKeepIn,
  refuse,
  viewerStaff,
  type Decision,
  type Person,
  type Viewer,
} from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

type Audience = Pick<MacroRow, 'ownerId' | 'departmentId'>;

/** Keeping a macro: personal (departmentId null) for any staff member, shared for the department's managers and admins. */
export const canKeep = (viewer: Viewer, departmentId: string | null): Decision =>
  departmentId === null
    ? mustBeStaff(viewer)
    : mustKeepIn(viewer, departmentId, {
        notManager: 'Only managers and admins can share a macro with a department.',
        schoolWide: 'Share a macro with a department.',
        otherDepartment: 'Managers can share macros with the departments they manage only.',
      });

const isOwner = (viewer: Viewer, macro: Audience) => macro.ownerId !== null && viewerStaff(viewer)?.id === macro.ownerId;

/** Changing or deleting: a personal macro by its owner, a shared one by whoever may share with its department. */
export const canChange = (viewer: Viewer, macro: Audience): Decision =>
  macro.departmentId === null
    ? all(
        () => mustBeStaff(viewer),
        () => (isOwner(viewer, macro) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only its owner can change a personal macro.')),
      )
    : canKeep(viewer, macro.departmentId);

/** Reading and applying one: its owner, or the staff of the department it is shared with. */
export const canRead = (viewer: Viewer, macro: Audience): Decision =>
  all(
    () => mustBeStaff(viewer),
    () =>
      isOwner(viewer, macro) || (macro.departmentId !== null && isStaffOf(viewer, macro.departmentId))
        ? ALLOW
        : refuse(ErrorCode.FORBIDDEN, 'This macro is not shared with you.'),
  );

/** A staff member's list: their own and those shared with their departments (an admin's: every department). */
export const listWhere = (user: Person): Prisma.MacroWhereInput => ({
  OR: [{ ownerId: user.id }, { departmentId: user.role === 'ADMIN' ? { not: null } : { in: departmentsOf(user) } }],
});
