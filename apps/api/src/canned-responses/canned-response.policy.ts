// Canned responses: staff use their department's and the school-wide ones; managers and admins
// read any department's. Managers keep (create, change) those of the departments they manage; admins any, and
// the school-wide ones.
import type { CannedResponse as CannedResponseRow, Prisma } from '@studentdesk/db';
import {
  actsIn,
  ALLOW,
  all,
  isManagerOrAdmin,
  isStaffOf,
  mustBeStaff,
  refuse,
  viewerStaff,
  type Decision,
  type Viewer,
} from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

/** A department's list (null: the school-wide ones only). */
export function canList(viewer: Viewer, departmentId: string | null): Decision {
  return all(
    () => mustBeStaff(viewer),
    () =>
      !departmentId || isManagerOrAdmin(viewer) || isStaffOf(viewer, departmentId)
        ? ALLOW
        : refuse(ErrorCode.FORBIDDEN, "Staff see their own department's canned responses."),
  );
}

export const canRead = (viewer: Viewer, row: Pick<CannedResponseRow, 'departmentId'>): Decision => canList(viewer, row.departmentId);

/** The rows of a department's list: its own and the school-wide ones. */
export const listWhere = (departmentId: string | null): Prisma.CannedResponseWhereInput => ({
  OR: [{ departmentId: null }, ...(departmentId ? [{ departmentId }] : [])],
});

/** Creating or changing one for a department (null: every department). */
export function canKeep(viewer: Viewer, departmentId: string | null): Decision {
  return all(
    () => mustBeStaff(viewer),
    () => {
      const user = viewerStaff(viewer)!;
      if (user.role === 'ADMIN') return ALLOW;
      if (user.role !== 'MANAGER') return refuse(ErrorCode.FORBIDDEN, 'Only managers and admins can change canned responses.');
      if (departmentId === null) return refuse(ErrorCode.FORBIDDEN, 'Only admins can change canned responses used by every department.');
      return actsIn(user, departmentId, 'MANAGER')
        ? ALLOW
        : refuse(ErrorCode.FORBIDDEN, 'Managers can change the canned responses of the departments they manage only.');
    },
  );
}
