// Who may look a person up, and which of their fields a viewer sees. Names are shown wherever a
// person appears (assignee, message author, history); email and student number only to the person
// themselves and to staff. Guests, students and API keys see staff by name only.
import type { User as UserRow } from '@studentdesk/db';
import {
  ALLOW,
  mustBePerson,
  mustBeStaff,
  refuse,
  refuseViewer,
  viewerStaff,
  viewerUser,
  type Decision,
  type Viewer,
} from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

const isSelf = (viewer: Viewer, user: Pick<UserRow, 'id'>) => viewerUser(viewer)?.id === user.id;

/** node(id:) on a User: oneself, or staff looking someone up. */
export function canRead(viewer: Viewer, user: Pick<UserRow, 'id'>): Decision {
  if (isSelf(viewer, user) || viewerStaff(viewer)) return ALLOW;
  return refuseViewer(viewer, 'Only staff can look people up.');
}

/** Email address and student number. */
export function canSeeContactDetails(viewer: Viewer, user: Pick<UserRow, 'id'>): Decision {
  if (isSelf(viewer, user) || viewerStaff(viewer)) return ALLOW;
  return refuse(ErrorCode.FORBIDDEN, 'Only staff and the person themselves can see an email address.');
}

/** A person's language: they choose it; staff read it to know how to write to them (null for anyone else). */
export function canSeeLanguage(viewer: Viewer, user: Pick<UserRow, 'id'>): Decision {
  if (isSelf(viewer, user) || viewerStaff(viewer)) return ALLOW;
  return refuse(ErrorCode.FORBIDDEN, 'Only staff and the person themselves can see their language.');
}

/** Choosing one's own language: any signed-in person, for themselves only (API keys have no self). */
export const canChooseOwnLanguage = (viewer: Viewer): Decision => mustBePerson(viewer);

/** Changing one's own name and email choices: any signed-in person, for themselves only (API keys have no self). */
export const canChangeOwnProfile = (viewer: Viewer): Decision => mustBePerson(viewer);

/** Which emails a person wants: theirs to know (staff have no use for it, and it says nothing to them). */
export function canSeeEmailPreferences(viewer: Viewer, user: Pick<UserRow, 'id'>): Decision {
  return isSelf(viewer, user) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only the person themselves can see their email choices.');
}

/** Whom tickets can be assigned to: staff ask about any department. */
export const canListStaff = (viewer: Viewer): Decision => mustBeStaff(viewer);
