// Who joins the desk and who leaves it is the admins' call: inviting staff, seeing and revoking
// invitations, listing staff accounts, deactivating and reactivating people.
import { ALLOW, all, isAdmin, mustBePerson, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

export function canManagePeople(viewer: Viewer, _row?: unknown): Decision {
  return all(
    () => mustBePerson(viewer),
    () => (isAdmin(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only admins invite, deactivate and reactivate people.')),
  );
}

/** node(id:) and the list of invitations. */
export const canReadInvitation = canManagePeople;
