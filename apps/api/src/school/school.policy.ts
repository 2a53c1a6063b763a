// The school's name, logo and colours are public: the portal and the console show them before
// anyone signs in. First-run setup is allowed by its link alone, never by who is asking.
import { ALLOW, all, isAdmin, mustBePerson, refuse, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

export const canReadSchool = (_viewer: Viewer): Decision => ALLOW;

/** The school's name, time zone, logo and colours, after setup: admins. */
export const canUpdateSchool = (viewer: Viewer): Decision =>
  all(
    () => mustBePerson(viewer),
    () => (isAdmin(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only admins change the school’s settings.')),
  );

/** `claimed`: the link's token was live and is now used up by this request. */
export const canCompleteSetup = (claimed: boolean): Decision =>
  claimed
    ? ALLOW
    : refuse(
        ErrorCode.FORBIDDEN,
        'This setup link cannot be used: it was used already, has expired, or is not right. Restart StudentDesk for a new link (it is printed at start while there is no admin), or create an admin with create-admin.',
      );
