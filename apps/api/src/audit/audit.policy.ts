// The audit log shows who did what to whom: admins only.
import { ALLOW, all, isAdmin, mustBePerson, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

export function canReadAuditLog(viewer: Viewer): Decision {
  return all(
    () => mustBePerson(viewer),
    () => (isAdmin(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only admins can read the audit log.')),
  );
}
