// Departments and categories are public: the portal shows them before anyone signs in, and a
// ticket shows its category even after the category is retired. Shaping them is an admin's job;
// a manager keeps the categories of their own department, as they keep its canned responses.
import { ALLOW, all, isAdmin, mustBePerson, mustBeStaff, refuse, viewerUser, type Decision, type Viewer } from '../auth/viewer.js';
import { ErrorCode } from '../errors.js';

export const canRead = (_viewer: Viewer, _row: unknown): Decision => ALLOW;

/** Archived departments and categories in lists, and a department's ticket and member counts: staff. */
export const canSeeAdministration = (viewer: Viewer): Decision => mustBeStaff(viewer);

/** Create, rename, archive and merge departments: admins. */
export const canManageDepartments = (viewer: Viewer): Decision =>
  all(
    () => mustBePerson(viewer),
    () => (isAdmin(viewer) ? ALLOW : refuse(ErrorCode.FORBIDDEN, 'Only admins create, change, archive and merge departments.')),
  );

/** Create, change, archive and merge the categories of a department: admins, and that department's managers. */
export const canManageCategoriesOf = (viewer: Viewer, departmentId: string): Decision =>
  all(
    () => mustBePerson(viewer),
    () => {
      const user = viewerUser(viewer)!;
      return user.role === 'ADMIN' || (user.role === 'MANAGER' && user.departmentId === departmentId)
        ? ALLOW
        : refuse(ErrorCode.FORBIDDEN, 'Only admins, and managers for their own department, change categories.');
    },
  );
