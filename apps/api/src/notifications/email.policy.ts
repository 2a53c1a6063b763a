// The email outbox holds students' addresses and the text sent to them: admins only.
import { ALLOW, all, isAdmin, mustBeStaff, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

export function canRead(viewer: Viewer, _email?: unknown): Decision {
  return all(
    () => mustBeStaff(viewer),
    () => (isAdmin(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only admins can read the outbox.')),
  );
}
