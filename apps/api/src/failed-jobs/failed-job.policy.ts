// Failed background jobs hold what the job was about (ids, addresses) and the errors it met: admins only.
import { ALLOW, all, isAdmin, mustBeStaff, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

export function canRead(viewer: Viewer): Decision {
  return all(
    () => mustBeStaff(viewer),
    () => (isAdmin(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only admins can read failed background jobs.')),
  );
}
