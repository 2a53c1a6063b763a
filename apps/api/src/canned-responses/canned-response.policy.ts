// Canned responses: staff use their department's and the school-wide ones; managers and admins
// read any department's. Managers keep (create, change) those of the departments they manage; admins any, and
// the school-wide ones.
import type { CannedResponse as CannedResponseRow, Prisma } from '@studentdesk/db';
import { mustKeepIn, mustSeeDepartment, type Decision, type Viewer } from '../auth/viewer.js';

/** A department's list (null: the school-wide ones only). */
export const canList = (viewer: Viewer, departmentId: string | null): Decision =>
  mustSeeDepartment(viewer, departmentId, "Staff see their own department's canned responses.");

export const canRead = (viewer: Viewer, row: Pick<CannedResponseRow, 'departmentId'>): Decision => canList(viewer, row.departmentId);

/** The rows of a department's list: its own and the school-wide ones. */
export const listWhere = (departmentId: string | null): Prisma.CannedResponseWhereInput => ({
  OR: [{ departmentId: null }, ...(departmentId ? [{ departmentId }] : [])],
});

/** Creating or changing one for a department (null: every department). */
export const canKeep = (viewer: Viewer, departmentId: string | null): Decision =>
  mustKeepIn(viewer, departmentId, {
    notManager: 'Only managers and admins can change canned responses.',
    schoolWide: 'Only admins can change canned responses used by every department.',
    otherDepartment: 'Managers can change the canned responses of the departments they manage only.',
  });
