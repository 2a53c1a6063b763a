// Inbound email holds students' addresses and whatever anyone sent the desk: admins only, as the
// outbox (notifications/email.policy.ts). Releasing or discarding a held mail is theirs too.
import { ALLOW, all, isAdmin, mustBeStaff, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

export function canRead(viewer: Viewer, _email?: unknown): Decision {
  return all(
    () => mustBeStaff(viewer),
    () => (isAdmin(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only admins can read inbound email.')),
  );
}

export function canDecide(viewer: Viewer, _email?: unknown): Decision {
  return all(
    () => mustBeStaff(viewer),
    () => (isAdmin(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only admins can release or discard held email.')),
  );
}
