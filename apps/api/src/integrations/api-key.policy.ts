// API keys are the school's trust in another system: only admins issue, list and revoke them.
import { ALLOW, all, isAdmin, mustBePerson, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

/** Reading, listing, creating and revoking keys. */
export function canManage(viewer: Viewer, _apiKey?: unknown): Decision {
  return all(
    () => mustBePerson(viewer),
    () => (isAdmin(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only admins manage API keys and webhooks.')),
  );
}

export const canRead = canManage;
