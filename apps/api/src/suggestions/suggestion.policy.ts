// Voice of staff: every staff member reads, raises, votes on and comments on improvement
// suggestions (and their comments); managers and admins decide. Students, guests and keys: none.
import { ALLOW, all, isManagerOrAdmin, mustBeStaff, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

export const canRead = (viewer: Viewer, _suggestion?: unknown): Decision => mustBeStaff(viewer);

/** Raising, voting, commenting. */
export const canTakePart = (viewer: Viewer): Decision => mustBeStaff(viewer);

export function canDecide(viewer: Viewer): Decision {
  return all(
    () => mustBeStaff(viewer),
    () => (isManagerOrAdmin(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only managers and admins decide on suggestions.')),
  );
}
