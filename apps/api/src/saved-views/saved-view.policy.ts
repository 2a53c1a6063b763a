// Saved views: staff keep personal ones; managers share views with the departments they manage,
// admins with any department. Staff see their own and those shared with their departments.
import type { Prisma, SavedView as SavedViewRow } from '@studentdesk/db';
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

type Audience = Pick<SavedViewRow, 'ownerId' | 'departmentId'>;

/** Saving a view: personal (departmentId null) for any staff member, shared for the department's managers and admins. */
export const canSave = (viewer: Viewer, departmentId: string | null): Decision =>
  departmentId === null
    ? mustBeStaff(viewer)
    : mustKeepIn(viewer, departmentId, {
        notManager: 'Only managers and admins can share a view with a department.',
        schoolWide: 'Share a view with a department.',
        otherDepartment: 'Managers can share views with the departments they manage only.',
      });

const isOwner = (viewer: Viewer, view: Audience) => view.ownerId !== null && viewerStaff(viewer)?.id === view.ownerId;

/** Deleting: a personal view by its owner, a shared one by whoever may share with its department. */
export const canDelete = (viewer: Viewer, view: Audience): Decision =>
  view.departmentId === null
    ? all(
        () => mustBeStaff(viewer),
        () => (isOwner(viewer, view) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only its owner can delete a personal view.')),
      )
    : canSave(viewer, view.departmentId);

/** Reading one view: its owner, or the staff of the department it is shared with. */
export const canRead = (viewer: Viewer, view: Audience): Decision =>
  all(
    () => mustBeStaff(viewer),
    () =>
      isOwner(viewer, view) || (view.departmentId !== null && isStaffOf(viewer, view.departmentId))
        ? ALLOW
        : refuse(ErrorCode.FORBIDDEN, 'This view is not shared with you.'),
  );

/** The rows of a staff member's list: their own and those shared with their departments (an admin's: every department). */
export const listWhere = (user: Person): Prisma.SavedViewWhereInput => ({
  OR: [{ ownerId: user.id }, { departmentId: user.role === 'ADMIN' ? { not: null } : { in: departmentsOf(user) } }],
});
