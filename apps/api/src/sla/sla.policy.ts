// Service settings of a department (SLA targets, holidays): every staff member may read them, since
// they see the due times they produce. Managers set their own department's; admins any
// department's, and the school-wide holidays.
import { mustBeStaff, mustKeepIn, type Decision, type Viewer } from '../auth/viewer.js';

export const canRead = (viewer: Viewer, _row?: unknown): Decision => mustBeStaff(viewer);

/** Changing a department's targets or holidays (null: the school-wide holidays). */
export const canManage = (viewer: Viewer, departmentId: string | null): Decision =>
  mustKeepIn(viewer, departmentId, {
    notManager: 'Only managers and admins change SLA targets and holidays.',
    schoolWide: 'Only admins change the holidays of the whole school.',
    otherDepartment: "Managers change their own department's SLA targets and holidays only.",
  });
