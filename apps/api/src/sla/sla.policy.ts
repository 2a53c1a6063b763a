// Service settings of a department (SLA targets, holidays): every staff member may read them, since
// they see the due times they produce. Managers set their own department's; admins any
// department's, and the school-wide holidays.
import { actsIn, ALLOW, all, mustBeStaff, refuse, viewerStaff, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

export const canRead = (viewer: Viewer, _row?: unknown): Decision => mustBeStaff(viewer);

/** Changing a department's targets or holidays (null: the school-wide holidays). */
export function canManage(viewer: Viewer, departmentId: string | null): Decision {
  return all(
    () => mustBeStaff(viewer),
    () => {
      const user = viewerStaff(viewer)!;
      if (user.role === 'ADMIN') return ALLOW;
      if (user.role !== 'MANAGER') return refuse(ErrorCode.FORBIDDEN, 'Only managers and admins change SLA targets and holidays.');
      if (departmentId === null) return refuse(ErrorCode.FORBIDDEN, 'Only admins change the holidays of the whole school.');
      return actsIn(user, departmentId, 'MANAGER')
        ? ALLOW
        : refuse(ErrorCode.FORBIDDEN, "Managers change their own department's SLA targets and holidays only.");
    },
  );
}
