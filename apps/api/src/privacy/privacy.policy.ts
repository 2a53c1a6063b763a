// Privacy work (exports, erasure, retention) is the admins' job; a signed-in person may also
// download their own export, without the staff-only parts (internal notes).
import { ALLOW, all, isAdmin, mustBePerson, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

export function canManagePrivacy(viewer: Viewer): Decision {
  return all(
    () => mustBePerson(viewer),
    () => (isAdmin(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only admins export or erase people and set retention rules.')),
  );
}

/** Admins export anyone; everyone else only themselves. */
export function canExportPerson(viewer: Viewer, userId: string): Decision {
  return all(
    () => mustBePerson(viewer),
    () =>
      isAdmin(viewer) || (viewer.kind === 'user' && viewer.user.id === userId)
        ? ALLOW
        : refuse(ErrorCode.FORBIDDEN, 'You can download only your own data; an admin can export anyone’s.'),
  );
}
