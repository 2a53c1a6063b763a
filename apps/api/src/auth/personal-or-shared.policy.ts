// Things staff keep for themselves or share with a department (saved views, macros): any staff member
// keeps personal ones; managers share them with the departments they manage, admins with any. Staff use
// their own and those shared with their departments. One rule, so the kinds can never disagree.
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
} from './viewer.js';
import { ErrorCode } from '../errors.js';

/** Who a kept thing belongs to: its owner when personal (departmentId null), else its department. */
export interface Audience {
  ownerId: string | null;
  departmentId: string | null;
}

/** `noun` names the thing in refusals ("view", "macro"). */
export function personalOrSharedPolicy(noun: string) {
  /** Keeping one: personal for any staff member, shared for the department's managers and admins. */
  const canKeep = (viewer: Viewer, departmentId: string | null): Decision =>
    departmentId === null
      ? mustBeStaff(viewer)
      : mustKeepIn(viewer, departmentId, {
          notManager: `Only managers and admins can share a ${noun} with a department.`,
          schoolWide: `Share a ${noun} with a department.`,
          otherDepartment: `Managers can share ${noun}s with the departments they manage only.`,
        });

  const isOwner = (viewer: Viewer, kept: Audience) => kept.ownerId !== null && viewerStaff(viewer)?.id === kept.ownerId;

  /** Changing or deleting: a personal one by its owner, a shared one by whoever may share with its department. */
  const canChange = (viewer: Viewer, kept: Audience): Decision =>
    kept.departmentId === null
      ? all(
          () => mustBeStaff(viewer),
          () => (isOwner(viewer, kept) ? ALLOW : refuse(ErrorCode.FORBIDDEN, `Only its owner can change a personal ${noun}.`)),
        )
      : canKeep(viewer, kept.departmentId);

  /** Reading and using one: its owner, or the staff of the department it is shared with. */
  const canRead = (viewer: Viewer, kept: Audience): Decision =>
    all(
      () => mustBeStaff(viewer),
      () =>
        isOwner(viewer, kept) || (kept.departmentId !== null && isStaffOf(viewer, kept.departmentId))
          ? ALLOW
          : refuse(ErrorCode.FORBIDDEN, `This ${noun} is not shared with you.`),
    );

  /** A staff member's list: their own and those shared with their departments (an admin's: every department). */
  const listWhere = (user: Person) => ({
    OR: [{ ownerId: user.id }, { departmentId: user.role === 'ADMIN' ? { not: null } : { in: departmentsOf(user) } }],
  });

  return { canKeep, canChange, canRead, listWhere };
}
